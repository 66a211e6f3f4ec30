//! The seed article end to end with dyad's own dictionaries (issue 5), and the example article
//! written for the project in its image.

mod common;

use common::{dyad, repo_root, shared};
use serde_json::Value;

fn code(path: &std::path::Path) -> Vec<Value> {
    let p = path.to_string_lossy().to_string();
    let out = dyad(&["code", &p, "--format", "jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON event a line"))
        .collect()
}

fn s<'a>(e: &'a Value, k: &str) -> &'a str {
    e[k].as_str().unwrap_or_default()
}

/// The five kinds of event the seed (and its example twin) must give, between `a` and `b`, with
/// concern over `place` and everything dated `date`.
fn check(events: &[Value], a: &str, b: &str, place: &str, date: &str, praiser: &str) {
    let listing = events
        .iter()
        .map(|e| {
            format!(
                "{} {}>{} {}",
                s(e, "date"),
                s(e, "source"),
                s(e, "target"),
                s(e, "cameo")
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!events.is_empty());
    for e in events {
        assert_eq!(s(e, "date"), date, "{listing}");
        assert!(e["explain"].is_object(), "every event carries explain");
        // PLOVER has no type for CAMEO 01 (public statements): null there, a name elsewhere.
        assert!(e.get("plover_type").is_some(), "{e}");
        assert_eq!(e["plover_type"].is_string(), s(e, "root") != "01", "{e}");
        assert!(e["topics"].is_array(), "{e}");
    }
    let pair = |e: &Value| {
        (s(e, "source") == a && s(e, "target") == b) || (s(e, "source") == b && s(e, "target") == a)
    };
    assert!(
        events
            .iter()
            .any(|e| pair(e) && ["040", "042", "043", "046"].contains(&s(e, "cameo"))),
        "a meeting between {a} and {b}:\n{listing}"
    );
    assert!(
        events.iter().any(|e| s(e, "root") == "03"),
        "an expression of intent to cooperate:\n{listing}"
    );
    assert!(
        events
            .iter()
            .any(|e| s(e, "target") == place && ["01", "02"].contains(&s(e, "root"))),
        "concern over {place}:\n{listing}"
    );
    assert!(
        events
            .iter()
            .any(|e| s(e, "target") == "IGOINT" && s(e, "root") == "02"),
        "an appeal to the international community:\n{listing}"
    );
    assert!(
        events
            .iter()
            .any(|e| s(e, "source") == praiser && s(e, "root") == "05"),
        "praise of relations by {praiser}:\n{listing}"
    );
}

#[test]
fn the_seed_article_gives_its_five_events() {
    let Some(shared) = shared() else { return };
    let events = code(&shared.join("seed/000_5463e8f3dbbbadcc.txt"));
    check(&events, "PAKGOV", "RUSGOV", "AFG", "2021-12-01", "RUSGOV");
    // Reported speech: the concern and the appeal come from the NSD (PAKGOV); Patrushev's praise
    // from the Russian Security Council (RUSGOV), relayed by TASS (RUSMED).
    let said_by = |root: &str, speaker: &str| {
        events.iter().any(|e| {
            s(e, "root") == root
                && e["attribution"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x["speaker_code"] == speaker))
        })
    };
    assert!(
        said_by("01", "PAKGOV"),
        "the concern, attributed to the NSD"
    );
    assert!(said_by("02", "PAKGOV"), "the appeal, attributed to the NSD");
    let praise = events
        .iter()
        .find(|e| s(e, "root") == "05" && s(e, "source") == "RUSGOV")
        .expect("the praise");
    let a = &praise["attribution"][0];
    assert_eq!(a["speaker_code"], "RUSGOV", "{a}");
    assert_eq!(a["via_code"], "RUSMED", "{a}");
    assert!(
        a["via"].as_str().unwrap_or_default().contains("TASS"),
        "{a}"
    );
    // Events are placed: the first, the talks in Moscow.
    assert_eq!(events[0]["location"]["name"], "Moscow", "{}", events[0]);
    assert_eq!(events[0]["location"]["country"], "RUS");
    // The people the text introduces are resolved and say how.
    let yusuf = events
        .iter()
        .find(|e| s(e, "source_text").contains("Yusuf"))
        .expect("an event with Yusuf as (part of) the source");
    assert!(
        yusuf["explain"]["source"]["how"]
            .to_string()
            .contains("counterpart"),
        "{}",
        yusuf["explain"]["source"]
    );
}

#[test]
fn the_example_talks_article_gives_the_same_five_events() {
    let events = code(&repo_root().join("examples/articles/meridian-india-france-talks.txt"));
    check(&events, "INDGOV", "FRAGOV", "MMR", "2023-02-08", "FRAGOV");
    assert!(
        events.iter().any(|e| e["topics"]
            .as_array()
            .is_some_and(|t| t.iter().any(|x| x == "counter-terrorism"))),
        "the article's topics reach its events"
    );
}
