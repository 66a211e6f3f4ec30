//! Throughput of the language core, median of 5 runs, one thread.
//!
//! `cargo run --release -p dyad-text --example bench -- ../shared/corpus/reuters21578/reuters21578.jsonl`
//!
//! An optional second argument limits the number of documents.
//! Reads a JSONL file of articles (the `body` or `text` field of each line), or a plain
//! text file, and reports: tokenize + sentence split in MB/s; tagging (tag classes only, and
//! tag + lemmatize) in tokens/s; model load time in ms.
use std::time::Instant;

use dyad_text::{Tagger, split_tokens, tokenize};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: bench FILE (.jsonl with body/text fields, or plain text)")?;
    let limit: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(usize::MAX);
    let raw = std::fs::read_to_string(&path)?;
    let docs: Vec<String> = if path.ends_with(".jsonl") {
        raw.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| {
                ["body", "text"]
                    .iter()
                    .find_map(|k| v.get(*k).and_then(|b| b.as_str()).map(str::to_string))
            })
            .filter(|s| !s.is_empty())
            .take(limit)
            .collect()
    } else {
        vec![raw]
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    println!("{} documents, {:.1} MB", docs.len(), bytes as f64 / 1e6);

    let mut split_mbs = Vec::new();
    let mut nsent = 0;
    for _ in 0..5 {
        let t = Instant::now();
        nsent = 0;
        for d in &docs {
            let toks = tokenize(d);
            nsent += split_tokens(d, &toks).len();
        }
        split_mbs.push(bytes as f64 / 1e6 / t.elapsed().as_secs_f64());
    }
    println!(
        "tokenize + split: {:.1} MB/s ({nsent} sentences)",
        median(split_mbs)
    );

    let mut load_ms = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let tagger = Tagger::embedded()?;
        load_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(tagger);
    }
    println!("model load: {:.1} ms", median(load_ms));

    // Pre-split sentences so tagging is timed on its own. `DYAD_BENCH_MODEL` times another
    // model file instead of the embedded one.
    let tagger = match std::env::var("DYAD_BENCH_MODEL") {
        Ok(p) => Tagger::load_from(p)?,
        Err(_) => Tagger::embedded()?,
    };
    let mut sents: Vec<Vec<&str>> = Vec::new();
    for d in &docs {
        let toks = tokenize(d);
        for s in split_tokens(d, &toks) {
            sents.push(toks[s.tokens].iter().map(|t| &d[t.start..t.end]).collect());
        }
    }
    let ntok: usize = sents.iter().map(Vec::len).sum();
    let mut tag_tps = Vec::new();
    let mut lem_tps = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let mut n = 0usize;
        for s in &sents {
            n += tagger.tag_upos(s).len();
        }
        tag_tps.push(n as f64 / t.elapsed().as_secs_f64());
        let t = Instant::now();
        for s in &sents {
            std::hint::black_box(tagger.tag(s));
        }
        lem_tps.push(ntok as f64 / t.elapsed().as_secs_f64());
    }
    println!("tagging: {:.0} tokens/s ({ntok} tokens)", median(tag_tps));
    println!("tagging + lemmas: {:.0} tokens/s", median(lem_tps));
    Ok(())
}
