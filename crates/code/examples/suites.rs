//! Runs the TABARI and PETRARCH suites through the library (the same code as `dyad eval tabari` /
//! `dyad eval petrarch`), printing failures: `cargo run --release -p dyad-code --example suites -- SHARED [tabari|petrarch]`.

use dyad_code::engine::{self, Coder};
use dyad_code::{dict, eval};

fn main() {
    let mut args = std::env::args().skip(1);
    let shared = std::path::PathBuf::from(args.next().unwrap_or_else(|| "../shared".into()));
    let which = args.next().unwrap_or_else(|| "both".into());
    if which != "petrarch" {
        let d = dict::load_tabari(&shared.join("gold/tabari-validation/Validate.project"))
            .expect("TABARI project");
        let text = std::fs::read(shared.join("gold/tabari-validation/Validate.text"))
            .expect("Validate.text");
        let records = eval::read_tabari(&String::from_utf8_lossy(&text), false);
        let s = eval::score(&Coder::new(d), &records, &engine::analyze, true, true);
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
        let d =
            dict::load_any(&shared.join("gold/petrarch-unittests")).expect("PETRARCH dictionaries");
        let text = std::fs::read(shared.join("gold/petrarch-unittests/PETR.UnitTest.records.xml"))
            .expect("records");
        let records = eval::read_petrarch(&String::from_utf8_lossy(&text));
        let s = eval::score(&Coder::new(d), &records, &engine::analyze, false, true);
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
