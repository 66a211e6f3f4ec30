//! Trains the tagger without the `dyad` binary (same code as `dyad train tagger`).
//! `cargo run --release -p dyad-text --example train -- [ITERATIONS] [one-pass|two-pass] [OUT]
//! [with-dev]`; `with-dev` trains on EWT train + dev (see the crate README).
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let shared = std::env::var("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let ewt = shared.join("train/ud-english-ewt");
    let args: Vec<String> = std::env::args().collect();
    let iterations = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10);
    let two_pass = args.get(2).map(|a| a != "one-pass").unwrap_or(true);
    let out = args
        .get(3)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/en_ewt.pos"));
    let mut train = vec![ewt.join("en_ewt-ud-train.conllu")];
    if args.get(4).is_some_and(|a| a == "with-dev") {
        train.push(ewt.join("en_ewt-ud-dev.conllu"));
    }
    let opts = dyad_text::train::TrainOptions {
        train,
        dev: Some(ewt.join("en_ewt-ud-dev.conllu")),
        out,
        iterations,
        two_pass,
        folds: 5,
        wordnet: std::env::var("DYAD_WORDNET")
            .map(PathBuf::from)
            .ok()
            .or_else(|| Some(PathBuf::from(dyad_text::lexicon::DEFAULT_WORDNET_DIR)))
            .filter(|p| p.as_os_str() != "none"),
        seeds: vec![0],
        // `DYAD_CLUSTERS`: spacy-lookups-data's en_lexeme_cluster.json.gz (see the README).
        clusters: std::env::var("DYAD_CLUSTERS").map(PathBuf::from).ok(),
    };
    let r = dyad_text::train::train_tagger(&opts, &mut |m| eprintln!("{m}"))?;
    println!("{}", serde_json::to_string_pretty(&r)?);
    Ok(())
}
