//! Regression floors on the classic validation suites: TABARI's `Validate.text` (validation mode,
//! records' `{ OPTION: … }` settings applied) and PETRARCH's unit-test records, coded from their
//! raw text. The suites live in `../shared/gold/` (env `DYAD_SHARED` overrides the location); the
//! test is skipped, with a message, when they are absent.

mod common;

use common::shared;

use dyad_code::{engine, eval};

/// Exact-match accuracy measured when these floors were set, minus 0.005.
const TABARI_FLOOR: f64 = 0.988 - 0.005;
/// PETRARCH: the floor itself (269 of 283 records measured, 0.9505).
const PETRARCH_FLOOR: f64 = 0.95;

#[test]
fn tabari_validation_suite() {
    let Some(shared) = shared() else { return };
    let project = shared.join("gold/tabari-validation/Validate.project");
    let (coder, records) = eval::load_tabari_suite(&project, false).expect("TABARI suite");
    let s = eval::score(&coder, &records, &engine::analyze, true, false);
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
    let (coder, records) = eval::load_petrarch_suite(&dir.join("PETR.UnitTest.records.xml"), &dir)
        .expect("PETRARCH suite");
    let s = eval::score(&coder, &records, &engine::analyze, true, false);
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
