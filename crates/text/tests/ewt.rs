//! Accuracy of the embedded model on UD English EWT's test file. Needs `../shared`
//! (located from CARGO_MANIFEST_DIR or the `DYAD_SHARED` environment variable); skips with a
//! message when it is absent, as in a fresh clone.

use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = std::env::var("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    p.is_dir().then_some(p)
}

#[test]
fn ewt_test_accuracy() {
    let Some(shared) = shared() else {
        eprintln!("SKIPPED ewt_test_accuracy: ../shared not found (set DYAD_SHARED)");
        return;
    };
    let file = shared.join("train/ud-english-ewt/en_ewt-ud-test.conllu");
    if !file.is_file() {
        eprintln!("SKIPPED ewt_test_accuracy: {} not found", file.display());
        return;
    }
    let sents = dyad_text::conllu::read_file(&file).expect("read EWT test");
    let tagger = dyad_text::Tagger::embedded().expect("embedded model");
    let r = dyad_text::train::evaluate(&tagger, &sents);
    eprintln!(
        "EWT test: {} tokens, UPOS {:.4}, lemma {:.4}",
        r.tokens, r.upos_accuracy, r.lemma_accuracy
    );
    assert!(r.tokens > 20_000);
    // Regression floors at the committed model's measured accuracy (UPOS 0.9555, lemma 0.9691).
    // Issue 3's targets are 0.960 and 0.970 and are not reached yet; raise these floors as the
    // model improves.
    assert!(
        r.upos_accuracy >= 0.955,
        "UPOS {:.4} fell below the committed model's 0.955",
        r.upos_accuracy
    );
    assert!(
        r.lemma_accuracy >= 0.969,
        "lemma {:.4} fell below the committed model's 0.969",
        r.lemma_accuracy
    );
}
