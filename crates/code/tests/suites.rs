//! Regression floors on the classic validation suites: TABARI's `Validate.text` (validation mode,
//! records' `{ OPTION: … }` settings applied) and PETRARCH's unit-test records, coded from their
//! raw text. The suites live in `../shared/gold/` (env `DYAD_SHARED` overrides the location); the
//! test is skipped, with a message, when they are absent.

use std::path::PathBuf;

use dyad_code::engine::{self, Coder};
use dyad_code::{dict, eval};

/// Exact-match accuracy measured when these floors were set, minus 0.005.
const TABARI_FLOOR: f64 = 0.982 - 0.005;
const PETRARCH_FLOOR: f64 = 0.845 - 0.005;

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("DYAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    if dir.join("gold").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipping: no shared suites at {} (set DYAD_SHARED)",
            dir.display()
        );
        None
    }
}

#[test]
fn tabari_validation_suite() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("gold/tabari-validation");
    let d = dict::load_tabari(&dir.join("Validate.project")).expect("TABARI project");
    let text = std::fs::read(dir.join("Validate.text")).expect("Validate.text");
    let records = eval::read_tabari(&String::from_utf8_lossy(&text), false);
    let s = eval::score(&Coder::new(d), &records, &engine::analyze, true, false);
    eprintln!(
        "TABARI: {} records, {} exact ({:.3})",
        s.records, s.exact, s.accuracy
    );
    assert!(s.records > 400, "{} records read", s.records);
    assert!(
        s.accuracy >= TABARI_FLOOR,
        "TABARI exact {:.3} < floor {TABARI_FLOOR:.3}",
        s.accuracy
    );
}

#[test]
fn petrarch_unit_tests() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("gold/petrarch-unittests");
    let d = dict::load_any(&dir).expect("PETRARCH dictionaries");
    let text = std::fs::read(dir.join("PETR.UnitTest.records.xml")).expect("records");
    let records = eval::read_petrarch(&String::from_utf8_lossy(&text));
    let s = eval::score(&Coder::new(d), &records, &engine::analyze, false, false);
    eprintln!(
        "PETRARCH: {} records, {} exact ({:.3})",
        s.records, s.exact, s.accuracy
    );
    assert!(s.records > 250, "{} records read", s.records);
    assert!(
        s.accuracy >= PETRARCH_FLOOR,
        "PETRARCH exact {:.3} < floor {PETRARCH_FLOOR:.3}",
        s.accuracy
    );
}
