//! End-to-end tests of `dyad code`.

mod common;

use common::{dyad, shared};
use serde_json::Value;

fn events(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is a JSON event"))
        .collect()
}

/// `dyad code FILE --date 2021-12-02` with dyad's own dictionaries: its events.
fn code_with_defaults(art: &std::path::Path) -> Vec<Value> {
    let out = dyad(&[
        "code",
        art.to_str().unwrap_or_default(),
        "--date",
        "2021-12-02",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    events(&out.stdout)
}

/// Is there an event with this CAMEO root whose source and target codes start as given?
fn has_event(ev: &[Value], source: &str, target: &str, root: &str) -> bool {
    ev.iter().any(|e| {
        e["source"].as_str().is_some_and(|x| x.starts_with(source))
            && e["target"].as_str().is_some_and(|x| x.starts_with(target))
            && e["root"] == root
    })
}

/// A small PETRARCH-format dictionary written for the test (fictional states).
fn dictionary(dir: &std::path::Path) {
    let w = |n: &str, t: &str| std::fs::write(dir.join(n), t).expect("write dictionary");
    w(
        "T.verbs.txt",
        "--- MEET [040] ---\nMEET {MET MEETS MEETING}\n- * WITH + [042]\n\n--- ACCUSE [112] ---\nACCUSE {ACCUSED ACCUSES}\n\n--- VISIT [042:043] ---\nVISIT {VISITED VISITS}\n",
    );
    w(
        "T.actors.txt",
        "NORLAND_ [NRL]\nNORLANDIC_ [NRL]\nSUDMARK_ [SDM]\n",
    );
    w("T.agents.txt", "FOREIGN_MINISTER [~GOV]\n");
}

const ARTICLE: &str = "Norland and Sudmark hold talks\n\nThe Norlandic foreign minister met with Sudmark on Wednesday in the capital.\n\nOn Friday Sudmark accused Norland of stalling.\n";

#[test]
fn codes_events_with_ontology_fields_and_dates() {
    let tmp = tempfile::tempdir().expect("tempdir");
    dictionary(tmp.path());
    let art = tmp.path().join("story.txt");
    std::fs::write(&art, ARTICLE).expect("write article");
    let out = dyad(&[
        "code",
        art.to_str().unwrap_or_default(),
        "--dictionaries",
        tmp.path().to_str().unwrap_or_default(),
        "--date",
        "2021-12-02",
        "--format",
        "jsonl",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let ev = events(&out.stdout);
    assert_eq!(ev.len(), 2, "{ev:?}");
    let meet = &ev[0];
    assert_eq!(meet["source"], "NRLGOV");
    assert_eq!(meet["target"], "SDM");
    assert_eq!(meet["cameo"], "042");
    assert_eq!(meet["root"], "04");
    assert_eq!(meet["quad_class"], 1);
    assert_eq!(meet["goldstein"], 1.9);
    assert_eq!(meet["plover_type"], "CONSULT");
    // "on Wednesday" against a Thursday publication date.
    assert_eq!(meet["date"], "2021-12-01");
    assert!(
        meet["explain"]["pattern"]
            .as_str()
            .is_some_and(|p| p.contains("WITH")),
        "{meet}"
    );
    assert!(meet["article_id"].is_string() && meet["sentence_id"] == 0);
    let accuse = &ev[1];
    assert_eq!(
        (
            accuse["source"].as_str(),
            accuse["target"].as_str(),
            accuse["cameo"].as_str()
        ),
        (Some("SDM"), Some("NRL"), Some("112"))
    );
    assert_eq!(accuse["quad_class"], 3);
    assert_eq!(
        accuse["date"], "2021-11-26",
        "the Friday before publication"
    );
    assert!(
        stderr.contains("2 sentences") && stderr.contains("2 events"),
        "{stderr}"
    );
}

#[test]
fn threads_and_tsv_give_the_same_events() {
    let tmp = tempfile::tempdir().expect("tempdir");
    dictionary(tmp.path());
    for i in 0..6 {
        std::fs::write(
            tmp.path().join(format!("a{i}.txt")),
            ARTICLE.replace("Wednesday", &format!("Monday {i}")),
        )
        .expect("write");
    }
    let run = |threads: &str, fmt: &str| {
        let out = dyad(&[
            "code",
            tmp.path().to_str().unwrap_or_default(),
            "--dictionaries",
            tmp.path().to_str().unwrap_or_default(),
            "--date",
            "2021-12-02",
            "--threads",
            threads,
            "--format",
            fmt,
            "-q",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(run("1", "jsonl"), run("2", "jsonl"));
    let tsv = run("2", "tsv");
    assert!(tsv.starts_with("article_id\tsentence_id\tdate\tsource\ttarget\tcameo"));
    assert_eq!(tsv.lines().count(), 1 + 12);
}

#[test]
fn codes_with_dyads_own_dictionaries_by_default() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let art = tmp.path().join("talks.txt");
    std::fs::write(
        &art,
        "Envoys meet\n\nPakistan and Russia held talks in Moscow on Wednesday.\n\nThe European Union imposed sanctions on Belarus.\n",
    )
    .expect("write");
    let ev = code_with_defaults(&art);
    let has = |s: &str, t: &str, root: &str| has_event(&ev, s, t, root);
    assert!(has("PAK", "RUS", "04") || has("RUS", "PAK", "04"), "{ev:?}");
    assert!(has("IGO", "BLR", "16"), "{ev:?}");
    let consult = ev
        .iter()
        .find(|e| e["root"] == "04")
        .expect("a consultation");
    assert_eq!(
        consult["date"], "2021-12-01",
        "on Wednesday, before a Thursday publication"
    );
}

#[test]
fn dyads_own_dictionaries_read_passives_carried_modality_and_clause_verbs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let art = tmp.path().join("week.txt");
    std::fs::write(
        &art,
        "A week in brief\n\nA village in Chad was attacked by Sudanese militiamen on Monday.\n\n\
         Japan said it would continue to cooperate with Vietnam.\n\n\
         Canada announced that it would suspend military aid to Haiti.\n\n\
         Greece and Turkey resumed negotiations on Tuesday.\n\n\
         Norway continued its relief work in Yemen by sending food to Aden.\n\n\
         Portugal is considering sending aid to Mozambique.\n\n\
         The pro-Iranian Hezbollah group declared a ceasefire.\n\n\
         Kenyan teachers said they will boycott the exams.\n\n\
         In a letter to the United Nations, Libya said it would allow inspectors in.\n\n\
         Ivorian police imposed a curfew in Abidjan.\n\n\
         Canada will withdraw its diplomats and aid workers from Haiti.\n",
    )
    .expect("write");
    let ev = code_with_defaults(&art);
    let has = |s: &str, t: &str, root: &str| has_event(&ev, s, t, root);
    // Passive voice with a `* +` pattern: the actor after `by` is the source.
    assert!(has("SDN", "TCD", "19"), "{ev:?}");
    // `continue` passes the modality on: intent to cooperate.
    assert!(has("JPN", "VNM", "03"), "{ev:?}");
    // `announced` does not reach `aid` past `would suspend`: a threat to cut aid, not aid.
    assert!(has("CAN", "HTI", "13"), "{ev:?}");
    assert!(!has("CAN", "HTI", "07"), "{ev:?}");
    assert!(has("GRC", "TUR", "04"), "{ev:?}");
    assert!(has("NOR", "YEM", "07"), "{ev:?}");
    // Considering an option (014) stands: the aid is not yet sent.
    assert!(has("PRT", "", "01"), "{ev:?}");
    assert!(!has("PRT", "MOZ", "07"), "{ev:?}");
    // "pro-Iranian" qualifies the group: no Iranian actor.
    assert!(has("LBN", "", "08"), "{ev:?}");
    assert!(!ev.iter().any(|e| e["source"] == "IRN"), "{ev:?}");
    // A protest announced is a threat of dissent (133).
    assert!(has("KEN", "", "13"), "{ev:?}");
    // "Libya said it would allow …": the pronoun is the speaker, not the first actor.
    assert!(has("LBY", "", "03"), "{ev:?}");
    assert!(!has("IGO", "", "03"), "{ev:?}");
    // A curfew "in" a city is imposed on its people: the city is the target.
    assert!(has("CIV", "CIV", "17"), "{ev:?}");
    // "diplomats and aid workers from Haiti": a conjunct with no verb stays in the clause.
    assert!(has("CAN", "HTI", "13"), "{ev:?}");
}

#[test]
fn country_words_that_qualify_another_actor() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let art = tmp.path().join("week.txt");
    std::fs::write(
        &art,
        "A week of tensions\n\nNATO-member Denmark pledged to help defend Estonia.\n\n\
         Ethnic Hungarians in Romania protested against the new language law on Sunday.\n\n\
         Syrian Kurdish rebels attacked Turkish troops near the border.\n\n\
         Burundi forced the UN refugee agency, UNHCR, out of the country.\n\n\
         Estonia complained to the European Union over Russian overflights.\n",
    )
    .expect("write");
    let ev = code_with_defaults(&art);
    let has = |s: &str, t: &str, root: &str| has_event(&ev, s, t, root);
    // A hyphenated modifier names no actor: Denmark pledges, not NATO.
    assert!(has("DNK", "EST", "03"), "{ev:?}");
    assert!(!has("IGO", "", "03"), "{ev:?}");
    // An ethnic group is placed in the state the sentence names, and may act towards it.
    assert!(has("ROU", "ROU", "14"), "{ev:?}");
    assert!(!ev.iter().any(|e| e["source"] == "HUN"), "{ev:?}");
    // A nationality before an ethnic group decides the country.
    assert!(has("SYRREB", "TURMIL", "19"), "{ev:?}");
    // A complaint "to" one party "over" another's acts targets the other.
    assert!(has("EST", "RUS", "11"), "{ev:?}");
    // An apposition with the same codes is one actor: `* + OUT` matches across it.
    assert!(has("BDI", "IGOUNO", "16"), "{ev:?}");
    // Actor texts are written as the source wrote them.
    assert!(
        ev.iter()
            .any(|e| e["target_text"] == "UN refugee agency, UNHCR"),
        "{ev:?}"
    );
}

#[test]
fn agents_with_no_country_take_the_articles() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let judge = tmp.path().join("judge.txt");
    std::fs::write(
        &judge,
        "Court order\n\nA Chilean judge ordered former president Tomas Arriaga to appear in a case over arms sales to Peru.\n",
    )
    .expect("write");
    // Chile and Peru are named once each: the first named is the focus.
    let ev = code_with_defaults(&judge);
    assert!(has_event(&ev, "CHLJUD", "CHLELI", "10"), "{ev:?}");
    let junta = tmp.path().join("junta.txt");
    std::fs::write(
        &junta,
        "Emergency\n\nThe military government declared a state of emergency in Haiti.\n",
    )
    .expect("write");
    let ev = code_with_defaults(&junta);
    assert!(has_event(&ev, "HTIMILGOV", "HTI", "17"), "{ev:?}");
}

#[test]
fn a_city_of_a_state_that_seceded_belongs_to_the_old_state_before() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let art = tmp.path().join("juba.txt");
    std::fs::write(
        &art,
        "Shelling\n\nSudanese rebels shelled the regional capital Juba on Sunday.\n",
    )
    .expect("write");
    let target_on = |date: &str| -> Vec<String> {
        let out = dyad(&["code", art.to_str().unwrap_or_default(), "--date", date]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        events(&out.stdout)
            .iter()
            .filter(|e| e["root"] == "19")
            .filter_map(|e| e["target"].as_str().map(String::from))
            .collect()
    };
    // South Sudan became independent on 9 July 2011.
    assert_eq!(target_on("1995-03-20"), ["SDN"]);
    assert_eq!(target_on("2015-03-20"), ["SSD"]);
}

#[test]
fn missing_input_is_an_error() {
    let out = dyad(&["code", "/nonexistent.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent.txt"));
}

#[test]
fn codes_with_the_tabari_validation_dictionaries() {
    let Some(s) = shared() else { return };
    let tmp = tempfile::tempdir().expect("tempdir");
    let art = tmp.path().join("a.txt");
    std::fs::write(
        &art,
        "Talks\n\nArnor restored diplomatic ties with Gondor on Monday.\n",
    )
    .expect("write");
    let project = s.join("gold/tabari-validation/Validate.project");
    let out = dyad(&[
        "code",
        art.to_str().unwrap_or_default(),
        "--tabari",
        project.to_str().unwrap_or_default(),
        "--date",
        "2021-12-02",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ev = events(&out.stdout);
    assert!(
        ev.iter()
            .any(|e| e["source"] == "ARN" && e["target"] == "GON" && e["cameo"] == "064"),
        "{ev:?}"
    );
}
