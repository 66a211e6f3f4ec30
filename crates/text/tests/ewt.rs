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
    // Issue 3's targets (UPOS 0.960, lemma 0.970), and regression floors at the committed
    // model's measured accuracy (UPOS 0.96031, lemma 0.97438).
    assert!(
        r.upos_accuracy >= 0.9603,
        "UPOS {:.5} fell below the committed model's 0.9603 (target 0.960)",
        r.upos_accuracy
    );
    assert!(
        r.lemma_accuracy >= 0.9743,
        "lemma {:.5} fell below the committed model's 0.9743 (target 0.970)",
        r.lemma_accuracy
    );
}

/// The WordNet lexicon is in the model: irregular forms missing from the treebank get
/// WordNet's lemma, and regular ones the WordNet base form rather than a bad suffix rule.
#[test]
fn wordnet_lemmas() {
    let tagger = dyad_text::Tagger::embedded().expect("embedded model");
    let class = |upos: &str, xpos: &str| {
        *tagger
            .classes()
            .iter()
            .find(|c| c.upos.as_str() == upos && c.xpos == xpos)
            .expect("class in model")
    };
    // None of these forms occurs in EWT's training file.
    assert_eq!(tagger.lemma("smelled", class("VERB", "VBD")), "smell");
    assert_eq!(tagger.lemma("strove", class("VERB", "VBD")), "strive");
    assert_eq!(tagger.lemma("smote", class("VERB", "VBD")), "smite");
    assert_eq!(tagger.lemma("geese", class("NOUN", "NNS")), "goose");
    assert_eq!(tagger.lemma("oxen", class("NOUN", "NNS")), "ox");
}

/// Reading the embedded model and writing it again gives the same bytes (the run-time
/// table keeps only key fingerprints, plus the full keys for writing).
#[test]
fn model_round_trip() {
    let m = dyad_text::model::Model::from_bytes(dyad_text::tagger::EMBEDDED_MODEL)
        .expect("embedded model");
    assert!(m.to_bytes() == dyad_text::tagger::EMBEDDED_MODEL);
}
