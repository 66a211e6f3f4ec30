//! End-to-end tests of `dyad ingest`, `dyad query`, `dyad stats` and `dyad export`.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::Output;

use common::{dyad, repo_root};
use serde_json::Value;

fn run(args: &[&str]) -> (Output, String) {
    let out = dyad(args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, err)
}

fn ok(args: &[&str]) -> (String, String) {
    let (out, err) = run(args);
    assert!(out.status.success(), "dyad {args:?} failed:\n{err}");
    (String::from_utf8_lossy(&out.stdout).into_owned(), err)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

fn stats(db: &Path) -> Value {
    let (out, _) = ok(&["stats", "--db", s(db), "--json"]);
    serde_json::from_str(out.trim()).expect("stats --json prints one object")
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object per line"))
        .collect()
}

fn examples() -> std::path::PathBuf {
    repo_root().join("examples/articles")
}

/// Ingests the example articles (one of each input format) into `db`.
fn ingest_examples(db: &Path) -> String {
    let ex = examples();
    ok(&["ingest", s(&ex), "--db", s(db), "--date", "2024-05-20"]).1
}

#[test]
fn ingest_stores_what_code_codes_and_a_second_run_adds_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("events.db");
    let err = ingest_examples(&db);
    let ex = examples();
    // The same input through `dyad article` and `dyad code`.
    let (articles, _) = ok(&["article", s(&ex), "--json", "--date", "2024-05-20"]);
    let n_articles = articles.lines().count() as u64;
    let (coded, _) = ok(&["code", s(&ex), "--date", "2024-05-20"]);
    let records = jsonl(&coded);
    assert!(
        err.contains(&format!("{n_articles} articles read: {n_articles} stored")),
        "{err}"
    );
    assert!(err.contains("0 rejected"), "{err}");
    assert!(err.contains(&format!("{} events", records.len())), "{err}");
    let st = stats(&db);
    assert_eq!(st["articles"], n_articles);
    // Every record is a mention, except a record repeating an event its sentence already reported.
    // The store's events: one per date, source, target and CAMEO code, split further only by
    // places known on both sides (GeoNames id, else country and name).
    let place = |r: &Value| -> String {
        let l = &r["location"];
        if l.is_null() {
            String::new()
        } else if !l["geonameid"].is_null() {
            format!("g:{}", l["geonameid"])
        } else {
            format!(
                "n:{}:{}",
                l["country"].as_str().unwrap_or_default(),
                l["name"].as_str().unwrap_or_default().to_lowercase()
            )
        }
    };
    let key4 = |r: &Value| {
        ["date", "source", "target", "cameo"].map(|k| r[k].as_str().unwrap_or_default().to_string())
    };
    let (mut keys4, mut keys5) = (HashSet::new(), HashSet::new());
    let (mut m4, mut m5) = (HashSet::new(), HashSet::new());
    for r in &records {
        let at = (r["article_id"].to_string(), r["sentence_id"].to_string());
        keys4.insert(key4(r));
        keys5.insert((key4(r), place(r)));
        m4.insert((at.clone(), key4(r)));
        m5.insert((at, key4(r), place(r)));
    }
    let n = |v: &Value| v.as_u64().unwrap_or(0) as usize;
    assert!(
        keys4.len() <= n(&st["events"]) && n(&st["events"]) <= keys5.len(),
        "{} ≤ {} ≤ {}",
        keys4.len(),
        st["events"],
        keys5.len()
    );
    assert!(
        m4.len() <= n(&st["mentions"]) && n(&st["mentions"]) <= m5.len(),
        "{} ≤ {} ≤ {}",
        m4.len(),
        st["mentions"],
        m5.len()
    );
    assert!(st["events"].as_u64() < st["mentions"].as_u64(), "{st}");

    // Again: nothing new, and the summary says why.
    let (_, err2) = ok(&["ingest", s(&ex), "--db", s(&db), "--date", "2024-05-20"]);
    assert!(
        err2.contains(&format!(
            "{n_articles} articles read: 0 stored (0 near-duplicates of stored stories), {n_articles} duplicate ({n_articles} same id)"
        )),
        "{err2}"
    );
    assert_eq!(stats(&db), st);
}

#[test]
fn rerunning_over_a_folder_adds_only_the_new_articles() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("news");
    std::fs::create_dir(&dir).expect("mkdir");
    let w = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("write");
    w(
        "a.txt",
        "Pakistan and Russia sign energy deal\n\nPakistan and Russia signed an energy agreement in Moscow on Monday.\n",
    );
    w(
        "b.txt",
        "India accuses China\n\nIndia accused China of violating the border agreement on Tuesday.\n",
    );
    let db = tmp.path().join("events.db");
    let (_, err) = ok(&["ingest", s(&dir), "--db", s(&db), "--date", "2023-03-08"]);
    assert!(err.contains("2 articles read: 2 stored"), "{err}");
    let before = stats(&db);
    w(
        "c.txt",
        "France sends aid to Kenya\n\nFrance sent humanitarian aid to Kenya after the floods on Wednesday.\n",
    );
    let (_, err) = ok(&["ingest", s(&dir), "--db", s(&db), "--date", "2023-03-08"]);
    assert!(
        err.contains(
            "3 articles read: 1 stored (0 near-duplicates of stored stories), 2 duplicate"
        ),
        "{err}"
    );
    let after = stats(&db);
    assert_eq!(after["articles"], 3);
    assert!(
        after["events"].as_u64() > before["events"].as_u64(),
        "{after}"
    );
}

#[test]
fn bad_records_are_named_counted_and_do_not_stop_the_batch() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("feed.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"id": "a", "date": "2023-01-02", "source": "Dawn", "text": "Pakistan accused India of violating the ceasefire along the border on Monday."}"#,
            "\n{\"id\": broken\n",
            r#"{"id": "c", "date": "2023-01-03", "source": "Dawn", "text": ""}"#,
            "\n",
            r#"{"id": "d", "date": "2023-01-04", "source": "TASS", "text": "Russia and China signed a trade agreement in Beijing on Wednesday, officials said."}"#,
            "\n"
        ),
    )
    .expect("write");
    let db = tmp.path().join("events.db");
    let (out, err) = run(&["ingest", s(&file), "--db", s(&db)]);
    assert!(out.status.success(), "{err}");
    let name = s(&file);
    assert!(
        err.contains(&format!("rejected: {name}:2: invalid JSON")),
        "{err}"
    );
    assert!(err.contains(&format!("rejected: {name}:3:")), "{err}");
    assert!(err.contains("2 articles read: 2 stored"), "{err}");
    assert!(err.contains("2 rejected: "), "{err}");
    assert_eq!(stats(&db)["articles"], 2);
}

#[test]
fn a_near_duplicate_from_another_outlet_adds_mentions_and_sources_not_events() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let story = "Pakistan and Russia signed an energy agreement in Moscow on Monday, officials said. \
        The foreign ministers of the two countries also discussed regional security and trade. \
        India criticised the agreement, saying it would upset the balance in the region.";
    let one = tmp.path().join("one.jsonl");
    let line = |id: &str, source: &str, date: &str, text: &str| {
        serde_json::json!({"id": id, "source": source, "date": date, "title": "Energy deal", "text": text})
            .to_string()
    };
    std::fs::write(&one, line("w1", "Wire", "2023-03-06", story) + "\n").expect("write");
    let both = tmp.path().join("both.jsonl");
    let copy = format!("{story} Reporting by our correspondent in Islamabad.");
    std::fs::write(
        &both,
        line("w1", "Wire", "2023-03-06", story)
            + "\n"
            + &line("d7", "Daily", "2023-03-07", &copy)
            + "\n",
    )
    .expect("write");
    let db1 = tmp.path().join("one.db");
    let db2 = tmp.path().join("both.db");
    ok(&["ingest", s(&one), "--db", s(&db1)]);
    let (_, err) = ok(&["ingest", s(&both), "--db", s(&db2)]);
    assert!(
        err.contains("2 stored (1 near-duplicates of stored stories)"),
        "{err}"
    );
    let (st1, st2) = (stats(&db1), stats(&db2));
    assert!(st1["events"].as_u64() > Some(0), "{st1}");
    assert_eq!(st2["articles"], 2);
    assert_eq!(st2["near_duplicates"], 1);
    assert_eq!(st2["events"], st1["events"], "the copy adds no event");
    assert!(st2["mentions"].as_u64() > st1["mentions"].as_u64());
    let (rows, _) = ok(&["query", "--db", s(&db2), "--format", "jsonl"]);
    let rows = jsonl(&rows);
    assert!(
        rows.iter()
            .any(|r| r["num_sources"] == 2 && r["num_articles"] == 2),
        "{rows:?}"
    );
}

#[test]
fn queries_filter_and_print_jsonl_csv_tables_and_time_series() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("events.db");
    ingest_examples(&db);
    let dbs = s(&db);
    let (all, _) = ok(&["query", "--db", dbs, "--format", "jsonl"]);
    let all = jsonl(&all);
    assert_eq!(all.len() as u64, stats(&db)["events"].as_u64().unwrap_or(0));
    for r in &all {
        for k in [
            "cameo",
            "source",
            "target",
            "date",
            "num_mentions",
            "num_sources",
            "num_articles",
        ] {
            assert!(r.get(k).is_some(), "{k} missing in {r}");
        }
    }
    // --dyad matches either direction: the union of both directed queries.
    let st = stats(&db);
    let top = &st["by_dyad"][0];
    let (a, b) = (
        top["source"].as_str().unwrap_or_default(),
        top["target"].as_str().unwrap_or_default(),
    );
    let count = |args: &[&str]| -> usize {
        let mut v = vec!["query", "--db", dbs, "--format", "jsonl"];
        v.extend_from_slice(args);
        ok(&v).0.lines().count()
    };
    let dyad = format!("{a},{b}");
    let both = count(&["--dyad", &dyad]);
    assert!(both > 0);
    assert_eq!(
        both,
        count(&["--source", a, "--target", b]) + count(&["--source", b, "--target", a])
    );
    // --root and --quad agree with the rows' fields.
    let (rows, _) = ok(&["query", "--db", dbs, "--root", "4", "--format", "jsonl"]);
    let rows = jsonl(&rows);
    assert!(
        !rows.is_empty()
            && rows
                .iter()
                .all(|r| r["cameo"].as_str().is_some_and(|c| c.starts_with("04")))
    );
    let (rows, _) = ok(&["query", "--db", dbs, "--quad", "3", "--format", "jsonl"]);
    assert!(jsonl(&rows).iter().all(|r| r["quad_class"] == 3));
    // Dates are inclusive.
    let first = all[0]["date"].as_str().unwrap_or_default().to_string();
    let n_first = all.iter().filter(|r| r["date"] == first.as_str()).count();
    assert_eq!(count(&["--from", &first, "--to", &first]), n_first);
    // Full-text search: a word of a reported sentence finds its events.
    let (export, _) = ok(&[
        "export",
        "--db",
        dbs,
        "--format",
        "jsonl",
        "--out",
        s(&tmp.path().join("e.jsonl")),
    ]);
    assert!(export.is_empty());
    let exported = jsonl(&std::fs::read_to_string(tmp.path().join("e.jsonl")).expect("read"));
    assert_eq!(exported.len(), all.len());
    let sentence = exported[0]["mentions"][0]["sentence"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let word = sentence
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() > 6)
        .max_by_key(|w| w.len())
        .unwrap_or_default()
        .to_string();
    let (hits, _) = ok(&["query", "--db", dbs, "--text", &word, "--format", "jsonl"]);
    let hits = jsonl(&hits);
    assert!(
        hits.iter()
            .any(|h| h["event_id"] == exported[0]["event_id"]),
        "{word}: {hits:?}"
    );
    assert!(count(&["--text", "zzzqqqxxx"]) == 0);
    // --limit.
    assert_eq!(count(&["--limit", "3"]), 3);
    // CSV: a header, then one row per event.
    let (csv, _) = ok(&["query", "--db", dbs, "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .is_some_and(|h| h.starts_with("event_id,date,source,target,cameo"))
    );
    assert_eq!(lines.count(), all.len());
    // The table is aligned: every row's date starts under the header's "date".
    let (table, _) = ok(&["query", "--db", dbs]);
    let mut lines = table.lines();
    let head = lines.next().unwrap_or_default();
    let col = head.find("date").unwrap_or(usize::MAX);
    let rows: Vec<&str> = lines.skip(1).filter(|l| !l.ends_with(" events")).collect();
    assert_eq!(rows.len(), all.len());
    for r in rows {
        let prefix: String = r.chars().take(col).collect();
        let rest: String = r.chars().skip(col).take(10).collect();
        assert!(
            prefix.trim().parse::<u64>().is_ok() && rest.len() == 10 && rest.as_bytes()[4] == b'-',
            "misaligned row {r:?} (date column at {col})"
        );
    }
    // A time series by month sums to the dated events.
    let (series, _) = ok(&["query", "--db", dbs, "--by", "month", "--format", "jsonl"]);
    let series = jsonl(&series);
    let total: u64 = series.iter().filter_map(|r| r["events"].as_u64()).sum();
    let dated = all.iter().filter(|r| r["date"] != "").count() as u64;
    assert_eq!(total, dated);
    // Bad arguments are usage errors.
    let (out, err) = run(&["query", "--db", dbs, "--dyad", "PAK"]);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let (out, _) = run(&["query", "--db", dbs, "--root", "21"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn exports_write_gdelt_events_and_mentions_tables() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("events.db");
    ingest_examples(&db);
    let st = stats(&db);
    let export = |format: &str| -> String {
        let out = tmp.path().join(format!("out.{format}"));
        let (_, err) = ok(&[
            "export",
            "--db",
            s(&db),
            "--format",
            format,
            "--out",
            s(&out),
        ]);
        assert!(err.contains("written to"), "{err}");
        std::fs::read_to_string(&out).expect("read export")
    };
    let events = export("gdelt");
    assert_eq!(
        events.lines().count() as u64,
        st["events"].as_u64().unwrap_or(0)
    );
    assert!(events.lines().all(|l| l.split('\t').count() == 61));
    let mentions = export("mentions");
    assert_eq!(
        mentions.lines().count() as u64,
        st["mentions"].as_u64().unwrap_or(0)
    );
    assert!(mentions.lines().all(|l| l.split('\t').count() == 16));
    // Every mention points at an exported event.
    let ids: std::collections::HashSet<&str> = events
        .lines()
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert!(
        mentions
            .lines()
            .all(|l| l.split('\t').next().is_some_and(|id| ids.contains(id)))
    );
    let csv = export("csv");
    assert_eq!(
        csv.lines().count() as u64,
        st["events"].as_u64().unwrap_or(0) + 1
    );
    let out = tmp.path().join("out.parquet");
    let (o, err) = run(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "parquet",
        "--out",
        s(&out),
    ]);
    if cfg!(feature = "parquet") {
        assert!(o.status.success(), "{err}");
        let bytes = std::fs::read(&out).expect("parquet file");
        assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    } else {
        assert_eq!(o.status.code(), Some(1));
        assert!(err.contains("--features parquet"), "{err}");
        assert!(!out.exists());
    }
}

#[test]
fn a_database_from_a_newer_dyad_is_refused_with_a_clear_message() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("events.db");
    ingest_examples(&db);
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.pragma_update(None, "user_version", 7)
            .expect("version");
    }
    for args in [
        vec!["stats", "--db", s(&db)],
        vec!["query", "--db", s(&db)],
        vec!["ingest", s(&examples()), "--db", s(&db)],
    ] {
        let (out, err) = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("schema version 7 is newer than this dyad understands"),
            "{err}"
        );
    }
    let (out, err) = run(&["stats", "--db", s(&tmp.path().join("none.db"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("no such database"), "{err}");
}
