//! Loads the real dictionary sets in `../shared` (skips with a message when it is absent).

mod common;

use common::shared;

use dyad_code::dict::{self, Syntax};

#[test]
fn tabari_validation_project() {
    let Some(s) = shared() else { return };
    let d = dict::load_any(&s.join("gold/tabari-validation/Validate.project")).expect("loads");
    assert_eq!(d.syntax, Syntax::Tabari);
    let c = d.counts();
    eprintln!("{c:?}\n{:?}", d.warnings);
    assert!(
        c["actors"] > 50 && c["verbs"] > 50 && c["patterns"] > 100 && c["agents"] > 20,
        "{c:?}"
    );
    assert!(
        c["nouns"] > 0 && c["synsets"] > 0 && c["time_shifts"] > 0 && c["options"] > 0,
        "{c:?}"
    );
}

#[test]
fn petrarch1_unit_test_dictionaries() {
    let Some(s) = shared() else { return };
    let d = dict::load_any(&s.join("gold/petrarch-unittests")).expect("loads");
    assert_eq!(d.syntax, Syntax::Petrarch1);
    let c = d.counts();
    eprintln!("{c:?}\n{:?}", d.warnings);
    assert!(
        c["actors"] > 20 && c["verbs"] > 50 && c["patterns"] > 100 && c["discards"] > 0,
        "{c:?}"
    );
}

#[test]
fn phoenix_dictionaries() {
    let Some(s) = shared() else { return };
    let d = dict::load_any(&s.join("reference/dictionaries")).expect("loads");
    assert_eq!(d.syntax, Syntax::Petrarch2);
    let c = d.counts();
    eprintln!(
        "{c:?}\n{} warnings, first: {:?}",
        d.warnings.len(),
        d.warnings.first()
    );
    assert!(
        c["actors"] > 10_000 && c["verbs"] > 1_000 && c["patterns"] > 4_000 && c["agents"] > 500,
        "{c:?}"
    );
    assert!(c["issues"] > 100 && c["discards"] > 100, "{c:?}");
}
