//! dyad's own dictionaries and enrichment on the real-news gold sets in `../shared/gold/`: the
//! measured values of the README are floors here, so a change that loses accuracy fails.

mod common;

use common::{dyad, shared};
use serde_json::Value;

fn eval(args: &[&str]) -> Value {
    let out = dyad(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().expect("one JSON line");
    serde_json::from_str(last).expect("JSON")
}

fn num(v: &Value, k: &str) -> f64 {
    v[k].as_f64().unwrap_or_else(|| panic!("no {k} in {v}"))
}

#[test]
fn plover_dev_records() {
    let Some(sh) = shared() else { return };
    let f = sh.join("gold/plover-gsr/PLOVER_GSR_dev.jsonl");
    let v = eval(&["eval", "plover", &f.to_string_lossy(), "--json"]);
    assert_eq!(v["records"], 213, "{v}");
    assert!(num(&v, "type_accuracy") >= PLOVER_TYPE, "{v}");
    assert!(num(&v, "source_accuracy") >= PLOVER_SOURCE, "{v}");
    assert!(num(&v, "target_accuracy") >= PLOVER_TARGET, "{v}");
}

#[test]
fn pentaclass_sentences() {
    let Some(sh) = shared() else { return };
    let f = sh.join("gold/conflibert-pentaclass/cameo_class_train.tsv");
    let v = eval(&["eval", "pentaclass", &f.to_string_lossy(), "--json"]);
    assert_eq!(v["records"], 1349, "{v}");
    assert!(num(&v, "accuracy") >= PENTACLASS, "{v}");
    let confusion = v["confusion"].as_array().expect("confusion");
    assert_eq!(confusion.len(), 5);
    let total: u64 = confusion
        .iter()
        .flat_map(|r| r.as_array().into_iter().flatten())
        .filter_map(Value::as_u64)
        .sum();
    assert_eq!(total, 1349);
}

#[test]
fn polnear_dev_attributions() {
    let Some(sh) = shared() else { return };
    let d = sh.join("gold/polnear/dev");
    let v = eval(&["eval", "quotes", &d.to_string_lossy(), "--json"]);
    assert_eq!(v["relations"], 2193, "{v}");
    assert!(num(&v, "source_f1") >= 0.752, "{v}");
    assert!(num(&v, "content_f1") >= 0.759, "{v}");
    assert!(num(&v, "cue_f1") >= 0.754, "{v}");
}

#[test]
fn tr_news_toponyms() {
    let Some(sh) = shared() else { return };
    let f = sh.join("gold/geoparsing/TR-News.xml");
    let v = eval(&["eval", "geo", &f.to_string_lossy(), "--json"]);
    assert_eq!(v["gold"], 1319, "{v}");
    assert!(num(&v, "recall") >= 0.85, "{v}");
    assert!(num(&v, "acc_161km") >= 0.875, "{v}");
    assert!(num(&v, "country_accuracy") >= 0.97, "{v}");
    assert!(num(&v, "mean_error_km") > 0.0, "{v}");
}

/// GeoWebNews, a second geoparsing set (no countries; its gold also counts streets, buildings
/// and demonyms, so recall is low by design).
#[test]
fn geowebnews_toponyms() {
    let Some(sh) = shared() else { return };
    let f = sh.join("gold/geoparsing/GWN.xml");
    let v = eval(&["eval", "geo", &f.to_string_lossy(), "--json"]);
    assert_eq!(v["gold"], 6612, "{v}");
    assert!(num(&v, "precision") >= 0.80, "{v}");
    assert!(num(&v, "acc_161km") >= 0.875, "{v}");
}

// Floors: the values measured when these tests were written, less a little.
const PLOVER_TYPE: f64 = 0.82;
const PLOVER_SOURCE: f64 = 0.90;
const PLOVER_TARGET: f64 = 0.86;
const PENTACLASS: f64 = 0.86;
