//! Runs the TABARI and PETRARCH suites through the library (the same code as `dyad eval tabari` /
//! `dyad eval petrarch`), printing failures:
//! `cargo run --release -p dyad-code --example suites -- SHARED [tabari|petrarch] [ID…]`.
//! With record ids, prints how each of those records is read (tokens, units, events) instead.

use dyad_code::engine::{self, Coder};
use dyad_code::eval;

fn main() {
    let mut args = std::env::args().skip(1);
    let shared = std::path::PathBuf::from(args.next().unwrap_or_else(|| "../shared".into()));
    let which = args.next().unwrap_or_else(|| "both".into());
    let ids: Vec<String> = args.collect();
    if which != "petrarch" {
        let project = shared.join("gold/tabari-validation/Validate.project");
        let (coder, records) = eval::load_tabari_suite(&project, false).expect("TABARI suite");
        if !ids.is_empty() {
            trace(&coder, &records, &ids, true);
            return;
        }
        let s = eval::score(&coder, &records, &engine::analyze, true, true);
        for f in &s.failures {
            println!(
                "TABARI {}\texpected {:?}\tcoded {:?}",
                f.id, f.expected, f.coded
            );
        }
        println!(
            "TABARI: {} records, {} exact ({:.3}), {} false, {} missed",
            s.records, s.exact, s.accuracy, s.false_events, s.missed_events
        );
    }
    if which != "tabari" {
        let dir = shared.join("gold/petrarch-unittests");
        let (coder, records) =
            eval::load_petrarch_suite(&dir.join("PETR.UnitTest.records.xml"), &dir)
                .expect("PETRARCH suite");
        if !ids.is_empty() {
            trace(&coder, &records, &ids, false);
            return;
        }
        let s = eval::score(&coder, &records, &engine::analyze, false, true);
        for f in &s.failures {
            println!(
                "PETRARCH {}\texpected {:?}\tcoded {:?}",
                f.id, f.expected, f.coded
            );
        }
        println!(
            "PETRARCH: {} records, {} exact ({:.3}), {} false, {} missed",
            s.records, s.exact, s.accuracy, s.false_events, s.missed_events
        );
    }
}

/// Prints how the records named in `ids` are read, with the options in force at each.
fn trace(coder: &Coder, records: &[eval::Record], ids: &[String], validation: bool) {
    let mut opts = coder.options.clone();
    for r in records {
        if validation {
            eval::apply_record_options(&mut opts, &r.options);
        }
        if !ids.contains(&r.id) {
            continue;
        }
        let toks = engine::analyze(&r.text);
        println!("== {} {}", r.id, r.text);
        println!(
            "tokens: {}",
            toks.iter()
                .map(|t| format!("{}/{:?}", t.text, t.pos))
                .collect::<Vec<_>>()
                .join(" ")
        );
        println!("units: {}", coder.trace(&toks, r.date, &opts));
        let coded = coder.code_with(&toks, r.date, &opts);
        for e in &coded.events {
            println!(
                "event {} {} {}  rules {:?} pattern {:?}",
                e.source, e.target, e.code, e.explain.rules, e.explain.pattern
            );
        }
        if let Some(s) = coded.stopped {
            println!("stopped: {s}");
        }
        println!("expected: {:?}", r.expected);
    }
}
