//! Crash safety of `dyad ingest`: kill -9 the process at random points, run the same command again,
//! and compare the database with one clean run.
//!
//! The input is 500 synthetic articles (JSONL) written for the test, with exact
//! duplicates, near-duplicates from other outlets and a bad line among them. Small batches
//! (`--batch 8`) give the kills many commits to land between. The seed is printed; set
//! `DYAD_CRASH_SEED` to replay a run.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use rusqlite::Connection;

const COUNTRIES: &[&str] = &[
    "Pakistan", "Russia", "India", "China", "France", "Germany", "Japan", "Kenya", "Somalia",
    "Brazil", "Turkey", "Iran",
];
const TEMPLATES: &[&str] = &[
    "{A} and {B} signed a trade agreement on Monday.",
    "The foreign minister of {A} met his counterpart from {B} in the capital on Tuesday.",
    "{A} accused {B} of violating the ceasefire along the border.",
    "{A} condemned the missile test carried out by {B}.",
    "{A} sent humanitarian aid to {B} after the floods.",
    "{A} threatened to impose sanctions on {B}.",
];

/// xorshift64*: enough randomness for kill times and article contents.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Writes `n` articles: every 10th a near-duplicate of the one before from another outlet, every
/// 25th an exact repeat of an earlier line, and one line that is not JSON.
fn corpus(path: &Path, n: usize, rng: &mut Rng) {
    let mut lines: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for i in 0..n {
        let line = if i % 10 == 9 && !texts.is_empty() {
            let prev = texts[texts.len() - 1].clone();
            serde_json::json!({
                "id": format!("copy-{i}"),
                "source": format!("Reprint {}", i % 4),
                "date": format!("2023-03-{:02}", 1 + (i / 10) % 28),
                "title": "Reprinted story",
                "text": format!("{prev}\n\nReporting by a staff correspondent."),
            })
            .to_string()
        } else if i % 25 == 24 {
            lines[rng.below(lines.len())].clone()
        } else {
            let a = COUNTRIES[rng.below(COUNTRIES.len())];
            let mut b = COUNTRIES[rng.below(COUNTRIES.len())];
            if a == b {
                b = "Egypt";
            }
            let paras: Vec<String> = (0..3)
                .map(|_| {
                    TEMPLATES[rng.below(TEMPLATES.len())]
                        .replace("{A}", a)
                        .replace("{B}", b)
                })
                .collect();
            let text = format!("{}\n\nStory number {i} in this series.", paras.join("\n\n"));
            texts.push(text.clone());
            serde_json::json!({
                "id": format!("syn-{i}"),
                "source": format!("Outlet {}", i % 5),
                "date": format!("2023-03-{:02}", 1 + i % 28),
                "title": format!("{a} and {b}, story {i}"),
                "text": text,
            })
            .to_string()
        };
        lines.push(line);
        if i == n / 2 {
            lines.push("{\"id\": \"broken\", \"text\": ".to_string());
        }
    }
    std::fs::write(path, lines.join("\n") + "\n").expect("write corpus");
}

fn ingest(input: &Path, db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dyad"));
    c.args(["ingest", "--batch", "8", "--quiet", "--db"])
        .arg(db)
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// An event row: id, date, source, target, CAMEO code, location key, mentions, sources, articles.
type EventRow = (i64, String, String, String, String, String, i64, i64, i64);

/// Everything a run leaves that must not depend on crashes: articles, events with their counts,
/// mentions, sentences and the full-text index.
#[derive(Debug, PartialEq, Eq)]
struct State {
    articles: BTreeSet<(String, Option<i64>)>,
    events: BTreeSet<EventRow>,
    mentions: BTreeSet<(i64, String, i64, String)>,
    sentences: i64,
    fts_rows: i64,
}

fn state(db: &Path) -> State {
    let c = Connection::open(db).expect("open the database");
    let one = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let articles = c
        .prepare("SELECT id, near_duplicate_of FROM articles")
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<BTreeSet<_>, _>>()
        })
        .expect("articles");
    let events = c
        .prepare(
            "SELECT event_id, date, source, target, cameo, loc_key, num_mentions, num_sources, num_articles FROM events",
        )
        .and_then(|mut st| {
            st.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            })?
            .collect::<Result<BTreeSet<_>, _>>()
        })
        .expect("events");
    let mentions = c
        .prepare(
            "SELECT m.event_id, a.id, m.sentence_id, m.via FROM mentions m JOIN articles a ON a.article_pk = m.article_pk",
        )
        .and_then(|mut st| {
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<Result<BTreeSet<_>, _>>()
        })
        .expect("mentions");
    State {
        articles,
        events,
        mentions,
        sentences: one("SELECT count(*) FROM sentences"),
        fts_rows: one("SELECT count(*) FROM sentences_fts"),
    }
}

/// Articles committed so far (0 when the database is not there yet).
fn committed(db: &Path) -> usize {
    use rusqlite::OpenFlags;
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .and_then(|c| c.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)))
        .map_or(0, |n| n as usize)
}

/// Whether the database holds any table (a kill may land between creating the file and committing
/// the schema).
fn has_schema(db: &Path) -> bool {
    Connection::open(db)
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
        })
        .is_ok_and(|n| n > 0)
}

/// What must hold after any crash: an intact file whose counts agree with its rows.
fn check_consistent(db: &Path) {
    let c = Connection::open(db).expect("open the database");
    let one = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).expect(sql) };
    let ic: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(ic, "ok");
    c.execute(
        "INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')",
        [],
    )
    .expect("FTS5 index matches the sentences");
    assert_eq!(
        one("SELECT count(*) FROM events e WHERE num_mentions <> (SELECT count(*) FROM mentions m WHERE m.event_id = e.event_id)
               OR num_articles <> (SELECT count(DISTINCT article_pk) FROM mentions m WHERE m.event_id = e.event_id)
               OR num_sources <> (SELECT count(DISTINCT a.outlet) FROM mentions m JOIN articles a ON a.article_pk = m.article_pk
                                  WHERE m.event_id = e.event_id)"),
        0,
        "event counts agree with the mentions"
    );
    assert_eq!(
        one(
            "SELECT count(*) FROM articles a WHERE n_events > 0 AND NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_pk = a.article_pk)"
        ),
        0,
        "every stored article with events has its sentences"
    );
    assert_eq!(
        one(
            "SELECT count(*) FROM mentions m LEFT JOIN sentences s ON s.sentence_pk = m.sentence_pk
             WHERE s.article_pk IS NOT m.article_pk OR s.sentence_id IS NOT m.sentence_id"
        ),
        0,
        "every mention's sentence is stored, in its article"
    );
    assert_eq!(
        one(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id)"
        ),
        0,
        "no event without a mention"
    );
}

#[test]
fn killed_ingests_resume_to_exactly_one_clean_run() {
    let seed = std::env::var("DYAD_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("DYAD_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("articles.jsonl");
    corpus(&input, 500, &mut Rng(42));

    // One clean run, timed.
    let clean = tmp.path().join("clean.db");
    let t0 = Instant::now();
    let st = ingest(&input, &clean).status().expect("run dyad");
    let full = t0.elapsed();
    assert!(st.success());
    let want = state(&clean);
    check_consistent(&clean);
    assert!(
        want.articles.len() > 200 && want.events.len() > 50,
        "{want:?}"
    );
    assert!(
        want.articles.iter().any(|(_, near)| near.is_some()),
        "the corpus has near-duplicates"
    );

    // Kill -9 several times, then let one run finish. The first kill lands at a random time in
    // the start-up (dictionaries, opening the database); each of the others once the run has
    // committed a random number (1 to 4) of its own batches, plus a random few milliseconds into
    // the next. Watching the commits, not the clock, keeps the kills inside the ingest however
    // fast or loaded the machine is.
    let crash = tmp.path().join("crash.db");
    let total = want.articles.len();
    let mut partial = 0;
    for round in 0..6 {
        let before = committed(&crash);
        let mut child = ingest(&input, &crash).spawn().expect("spawn dyad");
        let t0 = Instant::now();
        let target = before + 8 * (1 + rng.below(4));
        let mut finished = false;
        if round == 0 {
            std::thread::sleep(full.mul_f64(0.2 * rng.unit()));
        } else {
            while committed(&crash) < target.min(total) {
                if child.try_wait().ok().flatten().is_some() {
                    finished = true;
                    break;
                }
                if t0.elapsed() > full * 10 {
                    panic!("no progress after {:?} (seed {seed})", t0.elapsed());
                }
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            std::thread::sleep(std::time::Duration::from_millis(rng.below(40) as u64));
        }
        let killed = child.kill().is_ok();
        let status = child.wait().expect("wait");
        if !crash.exists() {
            eprintln!("round {round}: killed before the database was created");
            continue;
        }
        if !has_schema(&crash) {
            // The file exists but the schema's transaction never committed: an empty database,
            // which the next run must take up as new.
            eprintln!("round {round}: killed before the schema was written");
            continue;
        }
        check_consistent(&crash);
        let got = state(&crash);
        eprintln!(
            "round {round}: {status} after {:?} (kill sent: {killed}): {} of {total} articles, {} of {} events",
            t0.elapsed(),
            got.articles.len(),
            got.events.len(),
            want.events.len()
        );
        assert!(got.articles.is_subset(&want.articles));
        if got.articles.len() == total {
            // The run got to the end before its kill: it must be the clean result. Start over.
            assert_eq!(got, want, "a complete run (seed {seed})");
            assert!(finished || round > 0, "{status}");
            for ext in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{ext}", crash.display()));
            }
            continue;
        }
        if got.articles.len() > before {
            partial += 1;
        }
    }
    assert!(
        partial >= 3,
        "only {partial} kills landed mid-ingest (clean run took {full:?}); seed {seed}"
    );
    let st = ingest(&input, &crash).status().expect("run dyad");
    assert!(st.success());
    check_consistent(&crash);
    let got = state(&crash);
    assert_eq!(got.articles, want.articles, "articles (seed {seed})");
    assert_eq!(got.events, want.events, "events (seed {seed})");
    assert_eq!(got.mentions, want.mentions, "mentions (seed {seed})");
    assert_eq!(
        (got.sentences, got.fts_rows),
        (want.sentences, want.fts_rows)
    );
}
