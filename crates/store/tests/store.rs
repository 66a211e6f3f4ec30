//! The store's contract, with articles and event records written for the tests: idempotence, event
//! dedup across articles and outlets, near-duplicates, queries, exports and schema versions.

use std::path::Path;

use chrono::NaiveDate;
use dyad_code::EventRecord;
use dyad_code::record::Location;
use std::sync::OnceLock;

use dyad_code::dict;
use dyad_code::document::{CodedArticle, Context, code_article};
use dyad_code::engine::Coder;
use dyad_ingest::{Article, DateValue, Format};
use dyad_store::export::Format as Export;
use dyad_store::query::EventRow;
use dyad_store::{DupKind, Filter, OpenMode, Outcome, Period, SCHEMA_VERSION, Store, StoreError};

const STORY: &str = "The foreign ministers of Pakistan and Russia met in Moscow on Monday and agreed to \
    expand trade and energy cooperation, officials said after talks that lasted several hours. \
    The two sides also discussed regional security and the situation in Afghanistan, and said a joint \
    commission would meet next month to settle the remaining questions on the gas pipeline project.";

fn article_with_id(id: &str, source: &str, date: &str, paragraphs: &[&str]) -> Article {
    Article {
        id: id.to_string(),
        source: Some(source.to_string()),
        url: Some(format!("https://{}.example/{id}", source.to_lowercase())),
        title: Some(format!("Story {id}")),
        authors: vec![],
        published: NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .ok()
            .map(DateValue::Date),
        updated: None,
        dateline: None,
        language: Some("en".into()),
        captions: vec![],
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        warnings: vec![],
        format: Format::Jsonl,
        origin: format!("test.jsonl:{id}"),
        record_id: None,
    }
}

/// An event record: one the real coder made (so that every field of the record is there), with the
/// fields the store looks at set by the test.
fn record(
    article: &str,
    sentence: usize,
    date: &str,
    (source, target, cameo): (&str, &str, &str),
) -> EventRecord {
    static TEMPLATE: OnceLock<EventRecord> = OnceLock::new();
    let mut r = TEMPLATE
        .get_or_init(|| {
            let a = article_with_id(
                "template",
                "Wire",
                "2021-12-01",
                &["Pakistan accused India of violating the ceasefire along the border."],
            );
            code_article(context(), &a)
                .events
                .into_iter()
                .next()
                .expect("the built-in dictionaries code the template sentence")
        })
        .clone();
    r.article_id = article.to_string();
    r.sentence_id = sentence;
    r.date = date.to_string();
    r.source = source.into();
    r.target = target.into();
    r.source_text = "foreign ministers".into();
    r.target_text = String::new();
    r.verb_text = "met".into();
    r.cameo = cameo.into();
    r.root = cameo.get(..2).unwrap_or_default().into();
    r.quad_class = Some(1);
    r.goldstein = Some(1.0);
    r.topics = vec!["energy".into()];
    r.location = None;
    r
}

/// dyad's own coding context, built once: the tests take the sentences from the real splitter and
/// put their own event records on them, so that every count below is known exactly.
fn context() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| {
        Context::new(Coder::new(
            dict::builtin::load().expect("built-in dictionaries"),
        ))
    })
}

fn article(id: &str, source: &str, date: &str, paragraphs: &[&str]) -> Article {
    article_with_id(id, source, date, paragraphs)
}

fn coded(a: &Article, events: Vec<EventRecord>) -> CodedArticle {
    let mut c = code_article(context(), a);
    c.events = events;
    c
}

fn add(store: &mut Store, a: &Article, events: Vec<EventRecord>) -> Outcome {
    let c = coded(a, events);
    let mut b = store.batch(0.7).expect("batch");
    let out = b.add(a, &c).expect("add");
    b.commit().expect("commit");
    out
}

fn all(store: &Store, f: &Filter) -> Vec<EventRow> {
    let mut rows = Vec::new();
    store
        .events(f, &mut |e| {
            rows.push(e);
            Ok(())
        })
        .expect("query");
    rows
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

fn open(dir: &Path) -> Store {
    Store::open(&dir.join("events.db"), OpenMode::Create).expect("open")
}

#[test]
fn the_same_article_twice_adds_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = open(tmp.path());
    let a = article("a1", "Dawn", "2021-12-01", &[STORY]);
    let ev = || vec![record("a1", 0, "2021-12-01", ("PAKGOV", "RUSGOV", "040"))];
    assert!(matches!(add(&mut store, &a, ev()), Outcome::Stored(_)));
    let tables = ["articles", "sentences", "events", "mentions"];
    let before: Vec<i64> = tables.iter().map(|t| count(&store, t)).collect();
    assert_eq!(
        add(&mut store, &a, ev()),
        Outcome::Duplicate(DupKind::SameId)
    );
    // Same outlet and body under another id (another URL): same content.
    let mut copy = a.clone();
    copy.id = "a1-copy".into();
    copy.url = Some("https://dawn.example/a1?utm=feed".into());
    copy.paragraphs = vec![STORY.replace("  ", " ") + "  "];
    assert_eq!(
        add(&mut store, &copy, ev()),
        Outcome::Duplicate(DupKind::SameContent)
    );
    let after: Vec<i64> = tables.iter().map(|t| count(&store, t)).collect();
    assert_eq!(before, after);
    assert_eq!(after[0], 1);
}

#[test]
fn one_event_reported_by_several_articles_is_one_row_with_counts() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = open(tmp.path());
    let key = ("PAKGOV", "RUSGOV", "040");
    let a = article(
        "a",
        "Dawn",
        "2021-12-01",
        &["Pakistan and Russia held talks. They met again later."],
    );
    add(
        &mut store,
        &a,
        vec![
            record("a", 0, "2021-12-01", key),
            record("a", 1, "2021-12-01", key),
        ],
    );
    // A different story (not a near-duplicate) from another outlet, same event.
    let b = article(
        "b",
        "TASS",
        "2021-12-01",
        &["Moscow hosted the Pakistani delegation for a round of consultations on energy."],
    );
    add(&mut store, &b, vec![record("b", 0, "2021-12-01", key)]);
    // Another article from the first outlet.
    let c = article(
        "c",
        "Dawn",
        "2021-12-02",
        &["Officials in Islamabad described the visit to Moscow as productive and warm."],
    );
    add(&mut store, &c, vec![record("c", 0, "2021-12-01", key)]);
    let rows = all(&store, &Filter::default());
    assert_eq!(rows.len(), 1, "{rows:?}");
    let e = &rows[0];
    assert_eq!(
        (e.num_mentions, e.num_articles, e.num_sources),
        (4, 3, 2),
        "{e:?}"
    );
    assert_eq!(count(&store, "mentions"), 4);
    // A different date is a different event.
    let d = article(
        "d",
        "Dawn",
        "2021-12-09",
        &["A week later the ministers spoke again by telephone about the pipeline."],
    );
    add(&mut store, &d, vec![record("d", 0, "2021-12-08", key)]);
    assert_eq!(all(&store, &Filter::default()).len(), 2);
}

#[test]
fn locations_split_events_only_where_both_are_known() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = open(tmp.path());
    let key = ("PAKMIL", "IND", "190");
    let place = |name: &str, id: u64| Location {
        name: name.into(),
        country: "PAK".into(),
        adm1: None,
        lat: 32.0,
        lon: 74.0,
        geonameid: Some(id),
        precision: "city".into(),
    };
    let texts = [
        "Shelling was reported along the frontier near the disputed villages overnight.",
        "Residents of Sialkot said artillery fire lasted for several hours before dawn.",
        "Officials in Lahore described a separate exchange of fire on the same day.",
        "A fourth report gave no place for the clash, citing military sources only.",
    ];
    let places = [
        None,
        Some(place("Sialkot", 1_164_909)),
        Some(place("Lahore", 1_172_451)),
        None,
    ];
    for (i, (text, loc)) in texts.iter().zip(places).enumerate() {
        let id = format!("loc{i}");
        let a = article(&id, &format!("Outlet {i}"), "2021-12-01", &[text]);
        let mut r = record(&id, 0, "2021-12-01", key);
        r.location = loc;
        add(&mut store, &a, vec![r]);
    }
    let rows = all(&store, &Filter::default());
    // A placeless report, then Sialkot (which gives it its place), then Lahore (another event),
    // then another placeless report (joins the first event).
    let got: Vec<(Option<String>, i64)> = rows
        .iter()
        .map(|e| {
            (
                e.location.as_ref().and_then(|l| l.name.clone()),
                e.num_mentions,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("Sialkot".to_string()), 3),
            (Some("Lahore".to_string()), 1)
        ]
    );
}

#[test]
fn a_near_duplicate_from_another_outlet_adds_a_mention_and_a_source_not_an_event() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = open(tmp.path());
    let a = article("orig", "Reuters", "2021-12-06", &[STORY]);
    add(
        &mut store,
        &a,
        vec![record("orig", 0, "2021-12-06", ("PAKGOV", "RUSGOV", "040"))],
    );
    // The wire story republished a day later with a new headline and a sign-off: its publication
    // date dates the event a day later, so only the near-duplicate link can join them.
    let edited = format!("{STORY} Reporting by a staff correspondent.");
    let b = article("copy", "Dawn", "2021-12-07", &[&edited]);
    let out = add(
        &mut store,
        &b,
        vec![record("copy", 0, "2021-12-07", ("PAKGOV", "RUSGOV", "040"))],
    );
    let Outcome::Stored(s) = out else {
        panic!("stored expected, got {out:?}")
    };
    let (orig, sim) = s.near_duplicate_of.expect("near-duplicate found");
    assert_eq!(orig, "orig");
    assert!(sim >= 0.7, "{sim}");
    assert_eq!(s.new_events, 0);
    assert_eq!(s.mentions, 1);
    let rows = all(&store, &Filter::default());
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        (
            rows[0].num_mentions,
            rows[0].num_sources,
            rows[0].num_articles
        ),
        (2, 2, 2)
    );
    let via: String = store
        .connection()
        .query_row(
            "SELECT via FROM mentions ORDER BY mention_id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("via");
    assert_eq!(via, "near-duplicate");
    // An event the copy adds (a new paragraph) is a new event.
    let c = article(
        "copy2",
        "Nation",
        "2021-12-07",
        &[&format!("{STORY} Separately, Pakistan criticised India.")],
    );
    let out = add(
        &mut store,
        &c,
        vec![
            record("copy2", 0, "2021-12-07", ("PAKGOV", "RUSGOV", "040")),
            record("copy2", 2, "2021-12-07", ("PAKGOV", "IND", "111")),
        ],
    );
    let Outcome::Stored(s) = out else {
        panic!("stored expected, got {out:?}")
    };
    assert!(s.near_duplicate_of.is_some());
    assert_eq!(s.new_events, 1);
    let rows = all(&store, &Filter::default());
    assert_eq!(rows.len(), 2);
    let meet = rows.iter().find(|e| e.cameo == "040").expect("meeting");
    assert_eq!((meet.num_mentions, meet.num_sources), (3, 3));
}

#[test]
fn a_bad_event_record_rejects_its_article_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = open(tmp.path());
    let good = article("good", "Dawn", "2021-12-01", &[STORY]);
    let bad = article(
        "bad",
        "Dawn",
        "2021-12-01",
        &["Only one sentence here about the border."],
    );
    let mut b = store.batch(0.7).expect("batch");
    let err = b
        .add(
            &bad,
            &coded(
                &bad,
                vec![record("bad", 7, "2021-12-01", ("PAK", "IND", "111"))],
            ),
        )
        .expect_err("sentence 7 does not exist");
    assert!(matches!(err, StoreError::Record { .. }), "{err}");
    assert!(err.to_string().contains("test.jsonl:bad"), "{err}");
    assert!(err.to_string().contains("sentence 7"), "{err}");
    let ok = b.add(
        &good,
        &coded(
            &good,
            vec![record("good", 0, "2021-12-01", ("PAKGOV", "RUSGOV", "040"))],
        ),
    );
    assert!(matches!(ok, Ok(Outcome::Stored(_))), "{ok:?}");
    b.commit().expect("commit");
    assert_eq!(count(&store, "articles"), 1);
    assert_eq!(count(&store, "events"), 1);
}

fn sample(store: &mut Store) {
    type Key<'a> = (&'a str, &'a str, &'a str);
    let evs: [(&str, &str, &str, Key); 5] = [
        ("s1", "Dawn", "2021-11-30", ("PAKGOV", "RUSGOV", "040")),
        ("s2", "TASS", "2021-12-01", ("RUSGOV", "PAKMIL", "042")),
        ("s3", "Hindu", "2021-12-15", ("IND", "PAK", "111")),
        ("s4", "Nation", "2022-01-03", ("PAK", "RUS", "190")),
        ("s5", "Dawn", "2022-01-20", ("USA", "RUS", "163")),
    ];
    for (i, (id, src, date, key)) in evs.iter().enumerate() {
        let text = format!(
            "Report number {i} from {src} about {} and {} on {date}, with details that differ in every story {id}.",
            key.0, key.1
        );
        let a = article(id, src, date, &[&text]);
        let mut r = record(id, 0, date, *key);
        r.root = key.2[..2].to_string();
        r.quad_class = Some(match &key.2[..2] {
            "04" => 1,
            "11" => 3,
            _ => 4,
        });
        r.topics = if i == 2 {
            vec!["cybersecurity".into()]
        } else {
            vec![]
        };
        add(store, &a, vec![r]);
    }
}

#[test]
fn queries_filter_by_actors_dyad_code_date_topic_and_text() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = open(tmp.path());
    sample(&mut store);
    let ids = |f: Filter| -> Vec<String> {
        all(&store, &f)
            .into_iter()
            .map(|e| e.first_article)
            .collect()
    };
    let dyad = Some(("PAK".to_string(), "RUS".to_string()));
    assert_eq!(
        ids(Filter {
            dyad: dyad.clone(),
            ..Filter::default()
        }),
        ["s1", "s2", "s4"]
    );
    assert_eq!(
        ids(Filter {
            source: Some("pak".into()),
            ..Filter::default()
        }),
        ["s1", "s4"]
    );
    // Full codes and mixed dyads match as prefixes too.
    assert_eq!(
        ids(Filter {
            source: Some("PAKGOV".into()),
            ..Filter::default()
        }),
        ["s1"]
    );
    assert_eq!(
        ids(Filter {
            dyad: Some(("RUSGOV".into(), "PAK".into())),
            ..Filter::default()
        }),
        ["s1", "s2"]
    );
    assert_eq!(
        ids(Filter {
            source: Some("RUS".into()),
            target: Some("PAKMIL".into()),
            ..Filter::default()
        }),
        ["s2"]
    );
    assert_eq!(
        ids(Filter {
            target: Some("RUS".into()),
            ..Filter::default()
        }),
        ["s1", "s4", "s5"]
    );
    assert_eq!(
        ids(Filter {
            root: Some("04".into()),
            ..Filter::default()
        }),
        ["s1", "s2"]
    );
    assert_eq!(
        ids(Filter {
            quad: Some(4),
            ..Filter::default()
        }),
        ["s4", "s5"]
    );
    assert_eq!(
        ids(Filter {
            from: NaiveDate::from_ymd_opt(2021, 12, 1),
            to: NaiveDate::from_ymd_opt(2021, 12, 31),
            ..Filter::default()
        }),
        ["s2", "s3"]
    );
    assert_eq!(
        ids(Filter {
            topic: Some("cybersecurity".into()),
            ..Filter::default()
        }),
        ["s3"]
    );
    // Full-text search, stemmed: "reports" finds "Report"; every word must occur.
    assert_eq!(
        ids(Filter {
            text: Some("reports Hindu".into()),
            ..Filter::default()
        }),
        ["s3"]
    );
    assert!(
        ids(Filter {
            text: Some("Hindu Dawn".into()),
            ..Filter::default()
        })
        .is_empty()
    );
    assert_eq!(
        ids(Filter {
            limit: Some(2),
            ..Filter::default()
        })
        .len(),
        2
    );
    let series = store
        .series(
            &Filter {
                dyad,
                ..Filter::default()
            },
            Period::Month,
        )
        .expect("series");
    let got: Vec<(String, i64)> = series.into_iter().map(|r| (r.period, r.events)).collect();
    assert_eq!(
        got,
        [
            ("2021-11".to_string(), 1),
            ("2021-12".to_string(), 1),
            ("2022-01".to_string(), 1)
        ]
    );
    let plan = store
        .plan(&Filter {
            dyad: Some(("PAK".into(), "RUS".into())),
            ..Filter::default()
        })
        .expect("plan")
        .join(" ");
    // The dyad's series is read from one index (the country dyad index), not from the rows.
    assert!(
        plan.contains("COVERING INDEX events_dyad (source_country=? AND target_country=?)"),
        "{plan}"
    );
}

#[test]
fn stats_count_everything() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = open(tmp.path());
    sample(&mut store);
    let s = store.stats(10).expect("stats");
    assert_eq!(
        (s.articles, s.events, s.mentions, s.event_sentences),
        (5, 5, 5, 5)
    );
    assert_eq!(s.outlets, 4);
    assert_eq!(s.by_root.get("04"), Some(&2));
    assert_eq!(s.by_month.get("2022-01"), Some(&2));
    assert_eq!(s.first_date.as_deref(), Some("2021-11-30"));
    let pak_rus = s
        .by_dyad
        .iter()
        .find(|d| d.source == "PAK" && d.target == "RUS")
        .expect("PAK→RUS listed");
    assert_eq!(pak_rus.events, 2);
}

#[test]
fn exports_write_gdelt_mentions_jsonl_and_csv() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = open(tmp.path());
    sample(&mut store);
    let read = |f: Export, name: &str| -> String {
        let p = tmp.path().join(name);
        store.export(f, &p).expect("export");
        std::fs::read_to_string(&p).expect("read export")
    };
    let gdelt = read(Export::Gdelt, "events.tsv");
    let lines: Vec<Vec<&str>> = gdelt.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l.len() == 61), "61 columns");
    let first = &lines[0];
    assert_eq!(first[1], "20211130"); // SQLDATE
    assert_eq!(first[2], "202111"); // MonthYear
    assert_eq!(first[5], "PAKGOV"); // Actor1Code
    assert_eq!(first[7], "PAK"); // Actor1CountryCode
    assert_eq!(first[12], "GOV"); // Actor1Type1Code
    assert_eq!(first[15], "RUSGOV"); // Actor2Code
    assert_eq!((first[26], first[27], first[28]), ("040", "040", "04"));
    assert_eq!((first[31], first[32], first[33]), ("1", "1", "1"));
    assert_eq!(first[60], "https://dawn.example/s1"); // SOURCEURL
    assert_eq!(first[59].len(), 14); // DATEADDED
    let mentions = read(Export::Mentions, "mentions.tsv");
    let m: Vec<Vec<&str>> = mentions.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(m.len(), 5);
    assert!(m.iter().all(|l| l.len() == 16), "16 columns");
    assert_eq!(m[0][2], "20211130000000"); // MentionTimeDate: the publication date
    assert_eq!((m[0][3], m[0][4]), ("1", "Dawn"));
    assert_eq!(m[0][6], "1"); // SentenceID from 1
    let jsonl = read(Export::Jsonl, "events.jsonl");
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        for k in [
            "cameo",
            "source",
            "target",
            "date",
            "num_mentions",
            "num_sources",
            "num_articles",
        ] {
            assert!(v.get(k).is_some(), "{k} in {line}");
        }
        assert_eq!(v["mentions"].as_array().map(Vec::len), Some(1));
    }
    let csv = read(Export::Csv, "events.csv");
    let mut rows = csv.lines();
    let head: Vec<&str> = rows.next().expect("header").split(',').collect();
    assert_eq!(head[..5], ["event_id", "date", "source", "target", "cameo"]);
    assert_eq!(rows.count(), 5);
    // No partial files are left beside the outputs.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty());
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_reads_back() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut store = open(tmp.path());
    sample(&mut store);
    let p = tmp.path().join("events.parquet");
    assert_eq!(store.export(Export::Parquet, &p).expect("export"), 5);
    let r = SerializedFileReader::new(std::fs::File::open(&p).expect("open")).expect("reader");
    let meta = r.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 5);
    assert_eq!(meta.file_metadata().schema_descr().num_columns(), 27);
}

#[test]
fn an_older_schema_is_upgraded_with_its_data() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("old.db");
    {
        let conn = dyad_store::schema::create_at_version(&path, 1).expect("v1");
        conn.execute_batch(
            r#"
            INSERT INTO articles (article_pk, id, content_hash, outlet, authors, captions, paragraphs, body_chars,
                warnings, format, origin, topics, n_sentences, n_events, added)
            VALUES (1, 'old', 42, 'Dawn', '[]', '[]', '["Pakistan criticised India over the dam."]', 40,
                '[]', 'jsonl', 'old.jsonl:1', '[]', 1, 1, '20200101000000');
            INSERT INTO sentences (sentence_pk, article_pk, sentence_id, char_offset, text)
            VALUES (1, 1, 0, 0, 'Pakistan criticised India over the dam.');
            INSERT INTO events (event_id, date, source, target, cameo, loc_key, source_country, target_country,
                root, source_text, target_text, verb_text, is_root, num_mentions, num_sources, num_articles,
                first_article_pk, date_added)
            VALUES (1, '2020-01-01', 'PAK', 'IND', '111', '', 'PAK', 'IND', '11', 'Pakistan', 'India',
                'criticised', 1, 1, 1, 1, 1, '20200101000000');
            INSERT INTO mentions (event_id, article_pk, sentence_pk, sentence_id, via, is_root, in_raw_text,
                confidence, actor1_offset, actor2_offset, action_offset, record, added)
            VALUES (1, 1, 1, 0, 'key', 1, 1, 100, 0, 20, 9, '{"topics": ["water"]}', '20200101000000');
            "#,
        )
        .expect("v1 rows");
    }
    let store = Store::open(&path, OpenMode::Existing).expect("upgrade");
    assert_eq!(store.upgraded_from(), Some(1));
    let version: i64 = store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION);
    // The upgrade built the full-text index and the topics from the rows already there.
    let by_text = all(
        &store,
        &Filter {
            text: Some("dam".into()),
            ..Filter::default()
        },
    );
    assert_eq!(by_text.len(), 1);
    let by_topic = all(
        &store,
        &Filter {
            topic: Some("water".into()),
            ..Filter::default()
        },
    );
    assert_eq!(by_topic.len(), 1);
    drop(store);
    // Opening again does nothing more.
    let again = Store::open(&path, OpenMode::Existing).expect("reopen");
    assert_eq!(again.upgraded_from(), None);
}

#[test]
fn a_newer_or_foreign_database_is_refused_untouched() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("new.db");
    drop(Store::open(&path, OpenMode::Create).expect("create"));
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.pragma_update(None, "user_version", 99)
            .expect("set version");
    }
    let before = std::fs::read(&path).expect("bytes");
    let err = Store::open(&path, OpenMode::Existing)
        .err()
        .expect("refused");
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("upgrade dyad"), "{err}");
    assert!(
        std::fs::read(&path).expect("bytes") == before,
        "the file changed"
    );
    let err = Store::open(&path, OpenMode::Create).err().expect("refused");
    assert!(matches!(err, StoreError::TooNew { .. }));

    let other = tmp.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).expect("raw open");
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .expect("foreign table");
    }
    let before = std::fs::read(&other).expect("bytes");
    let err = Store::open(&other, OpenMode::Create)
        .err()
        .expect("refused");
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert!(err.to_string().contains("not a dyad database"), "{err}");
    assert!(
        std::fs::read(&other).expect("bytes") == before,
        "the file changed"
    );

    let text = tmp.path().join("notes.txt");
    std::fs::write(
        &text,
        "this is not a database at all, just some notes\n".repeat(100),
    )
    .expect("write");
    let err = Store::open(&text, OpenMode::Existing)
        .err()
        .expect("refused");
    assert!(err.to_string().contains("not an SQLite database"), "{err}");

    let err = Store::open(&tmp.path().join("missing.db"), OpenMode::Existing)
        .err()
        .expect("missing");
    assert!(matches!(err, StoreError::Missing { .. }), "{err}");
}
