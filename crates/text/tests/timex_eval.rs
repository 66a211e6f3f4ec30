//! Runs the TimeML evaluation over the shared TempEval-3 gold when present.

use std::path::PathBuf;

use dyad_text::timex::eval::{canonical_value, eval_dir, eval_source, parse_timeml};

/// A small TimeML document written for this test. Anchor 2021-12-02.
const DOC: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-12-02" temporalFunction="false" functionInDocument="CREATION_TIME">December 2, 2021</TIMEX3></DCT>
<TEXT>
The mayor &amp; the council <EVENT eid="e1">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2021-12-01" functionInDocument="NONE">Wednesday</TIMEX3> and <TIMEX3 tid="t2" type="DATE" value="2021-W46" functionInDocument="NONE">last week</TIMEX3>.
They talked for <TIMEX3 tid="t3" type="DURATION" value="PT3H" functionInDocument="NONE">about three hours</TIMEX3> about <TIMEX3 tid="t4" type="DATE" value="2019" functionInDocument="NONE">2019</TIMEX3>.
</TEXT>
</TimeML>
"#;

#[test]
fn reads_timeml_with_offsets_into_the_stripped_text() {
    let doc = match parse_timeml(DOC) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        doc.dct.map(|d| d.to_string()),
        Some("2021-12-02".to_string())
    );
    assert_eq!(doc.timexes.len(), 4, "the creation time is not gold");
    for g in &doc.timexes {
        assert_eq!(&doc.text[g.start..g.end], g.text);
    }
    assert!(doc.text.contains("The mayor & the council met Wednesday"));
    assert_eq!(doc.timexes[0].text, "Wednesday");
    assert_eq!(doc.timexes[2].text, "about three hours");
}

#[test]
fn scores_strict_relaxed_and_value() {
    let c = match eval_source(DOC, "test.tml", None) {
        Ok(c) => c,
        Err(e) => panic!("{e}"),
    };
    // Predicted: Wednesday (exact, right value), last week (exact, value
    // 2021-W47 against the gold's deliberately different W46), three hours
    // (overlaps "about three hours", same value PT3H), 2019 (exact).
    assert_eq!(c.gold, 4);
    assert_eq!(c.predicted, 4);
    assert_eq!((c.strict_pred, c.strict_gold), (3, 3));
    assert_eq!((c.relaxed_pred, c.relaxed_gold), (4, 4));
    assert_eq!((c.value_pred, c.value_gold), (3, 3));
    assert!((c.strict_f1() - 0.75).abs() < 1e-9);
    assert!((c.relaxed_f1() - 1.0).abs() < 1e-9);
    assert!((c.value_f1() - 0.75).abs() < 1e-9);
}

#[test]
fn malformed_timeml_is_an_error_with_an_offset() {
    let bad = "<TimeML><TEXT>On <TIMEX3 value=\"x\">Monday</TEXT></TimeML>";
    match parse_timeml(bad) {
        Ok(_) => panic!("accepted a malformed document"),
        Err(e) => {
            assert_eq!(e.offset, 41, "at the </TEXT> that closes an open TIMEX3");
            assert!(e.message.contains("TIMEX3"), "{e}");
        }
    }
    assert!(parse_timeml("<TimeML><TEXT>a &bogus; b</TEXT></TimeML>").is_err());
    assert!(parse_timeml("<TimeML><TEXT>never closed").is_err());
}

#[test]
fn week_values_compare_without_padding() {
    assert_eq!(canonical_value("2000-W7"), canonical_value("2000-W07"));
    assert_eq!(canonical_value("1990-W32-WE"), "1990-W32-WE");
    assert_ne!(canonical_value("2000-W7"), canonical_value("2000-W17"));
}

fn shared_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("DYAD_SHARED") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    dir.is_dir().then_some(dir)
}

#[test]
fn tempeval3_tbaq_value_f1() {
    let Some(shared) = shared_dir() else {
        println!("skipped: no shared data folder (set DYAD_SHARED or place it at ../shared)");
        return;
    };
    let dir = shared.join("gold/tempeval3/TBAQ-cleaned");
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return;
    }
    let dump = std::env::var_os("DYAD_TIMEX_FAILURES");
    let report = match eval_dir(&dir, dump.is_some()) {
        Ok(r) => r,
        Err(e) => panic!("eval failed: {e}"),
    };
    let c = report.counts;
    println!(
        "files {} skipped {} gold {} predicted {} strict {:.4} relaxed {:.4} value {:.4}",
        report.files,
        report.skipped.len(),
        c.gold,
        c.predicted,
        c.strict_f1(),
        c.relaxed_f1(),
        c.value_f1()
    );
    if let Some(path) = dump {
        let mut out = String::new();
        for f in &report.failures {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                f.what,
                f.gold_text.as_deref().unwrap_or(""),
                f.gold_value.as_deref().unwrap_or(""),
                f.predicted_text.as_deref().unwrap_or(""),
                f.predicted_value.as_deref().unwrap_or(""),
                f.file,
                f.context
            ));
        }
        if let Err(e) = std::fs::write(&path, out) {
            panic!("cannot write failures: {e}");
        }
    }
    assert!(
        report.skipped.is_empty(),
        "malformed gold files: {:?}",
        report.skipped
    );
    assert_eq!(c.gold, 1822);
    // Measured 0.8217 (strict 0.8847, relaxed 0.9462); floor = measured - 0.005.
    assert!(c.value_f1() >= 0.8167, "value F1 {:.4}", c.value_f1());
    assert!(c.relaxed_f1() >= 0.92, "relaxed F1 {:.4}", c.relaxed_f1());
}
