//! The schema, its version and its migrations.
//!
//! The version lives in SQLite's `user_version` header field and the file is marked as dyad's with
//! `application_id` ([`APPLICATION_ID`]). [`MIGRATIONS`]`[i]` takes a database from version `i` to
//! `i + 1`; a new database runs them all, an older one the ones it lacks, all in one transaction
//! (SQLite's DDL is transactional: a failed upgrade leaves the file as it was). A database from a
//! newer dyad, or a file that is not dyad's, is refused before anything is written.
//!
//! Version 1: `articles` (metadata, body, content hash, MinHash, near-duplicate link),
//! `article_lsh` (the MinHash LSH bands), `sentences` (those that reported an event), `events` (one row per date, source, target,
//! CAMEO code and location, with GDELT's counts), `mentions` (event × sentence, with the full event
//! record as coded), `event_sources` (the outlets behind each event) and `meta`.
//!
//! Version 2: the FTS5 index `sentences_fts` over those sentences and the `event_topics` table, both
//! built from the existing rows on upgrade.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Result, StoreError};

/// `PRAGMA application_id` of a dyad database ("dyad" in ASCII).
pub const APPLICATION_ID: i64 = 0x6479_6164;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `MIGRATIONS[i]` upgrades version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1, V2];

const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE articles (
    article_pk   INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,    -- dyad's article id (hash of source + URL, else title + body)
    content_hash INTEGER NOT NULL,        -- xxh3 of outlet + normalised body: "same content"
    outlet       TEXT NOT NULL,           -- source, else URL host, else '' (counts for num_sources)
    source TEXT, url TEXT, title TEXT,
    authors      TEXT NOT NULL,           -- JSON array
    published TEXT, pub_date TEXT, updated TEXT, dateline TEXT, language TEXT,
    captions     TEXT NOT NULL,           -- JSON array
    paragraphs   TEXT NOT NULL,           -- JSON array: the clean body
    body_chars   INTEGER NOT NULL,        -- characters in the body (paragraphs joined by blank lines)
    warnings     TEXT NOT NULL,           -- JSON array
    format TEXT NOT NULL, origin TEXT NOT NULL, record_id TEXT,
    topics       TEXT NOT NULL,           -- JSON array
    skipped      TEXT,                    -- why the article was not coded (language)
    n_sentences  INTEGER NOT NULL,        -- sentences coded (all of them, stored or not)
    n_events     INTEGER NOT NULL,
    near_duplicate_of INTEGER REFERENCES articles(article_pk),
    similarity   REAL,
    minhash      BLOB,                    -- 64 x u32 little-endian MinHash signature of the body
    added        TEXT NOT NULL            -- UTC, YYYYMMDDHHMMSS
);
CREATE INDEX articles_content ON articles(content_hash);

CREATE TABLE article_lsh (
    band_key   INTEGER NOT NULL,
    article_pk INTEGER NOT NULL,
    PRIMARY KEY (band_key, article_pk)
) WITHOUT ROWID;

-- The sentences that reported an event (the whole body is in articles.paragraphs).
CREATE TABLE sentences (
    sentence_pk INTEGER PRIMARY KEY,
    article_pk  INTEGER NOT NULL REFERENCES articles(article_pk),
    sentence_id INTEGER NOT NULL,         -- index in the article, from 0
    char_offset INTEGER NOT NULL,         -- characters from the start of the body, -1 if unknown
    text        TEXT NOT NULL
);

CREATE TABLE events (
    event_id       INTEGER PRIMARY KEY,   -- GLOBALEVENTID
    date           TEXT NOT NULL,         -- YYYY-MM-DD, '' when unknown
    source         TEXT NOT NULL,
    target         TEXT NOT NULL,
    cameo          TEXT NOT NULL,
    loc_key        TEXT NOT NULL,         -- 'g:<geonameid>' or 'n:<country>:<name>', '' when unknown
    source_country TEXT NOT NULL,
    target_country TEXT NOT NULL,
    root           TEXT NOT NULL,
    quad_class     INTEGER,
    goldstein      REAL,
    plover_type TEXT, plover_mode TEXT,
    source_text TEXT NOT NULL, target_text TEXT NOT NULL, verb_text TEXT NOT NULL,
    loc_name TEXT, loc_country TEXT, loc_adm1 TEXT, lat REAL, lon REAL, geonameid INTEGER,
    loc_precision TEXT,
    is_root        INTEGER NOT NULL,      -- reported in an article's lead paragraph
    num_mentions   INTEGER NOT NULL,
    num_sources    INTEGER NOT NULL,
    num_articles   INTEGER NOT NULL,
    first_article_pk INTEGER NOT NULL REFERENCES articles(article_pk),
    date_added     TEXT NOT NULL,         -- UTC, YYYYMMDDHHMMSS
    UNIQUE (date, source, target, cameo, loc_key)
);
-- Actor codes match as prefixes (a range on the first column): the other filter columns ride in
-- each index so that selecting a dyad's (or a root code's) events never reads the table, and the
-- actor indexes also carry what a time series sums, so that a dyad's series is read from the index
-- alone (see Filter::clause in query.rs).
CREATE INDEX events_source ON events(source, target, date, root, cameo, quad_class, goldstein,
    num_mentions, num_articles);
CREATE INDEX events_target ON events(target, source, date, root, cameo, quad_class, goldstein,
    num_mentions, num_articles);
CREATE INDEX events_dyad ON events(source_country, target_country, date, root, cameo, quad_class,
    goldstein, num_mentions, num_articles);
CREATE INDEX events_root ON events(root, date, source, target, cameo, quad_class);

CREATE TABLE mentions (
    mention_id  INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(event_id),
    article_pk  INTEGER NOT NULL REFERENCES articles(article_pk),
    sentence_pk INTEGER NOT NULL REFERENCES sentences(sentence_pk),
    sentence_id INTEGER NOT NULL,
    via         TEXT NOT NULL,            -- 'key' (same event key) or 'near-duplicate'
    is_root     INTEGER NOT NULL,
    in_raw_text INTEGER NOT NULL,         -- actor and verb words found verbatim in the sentence
    confidence  INTEGER NOT NULL,
    actor1_offset INTEGER NOT NULL, actor2_offset INTEGER NOT NULL, action_offset INTEGER NOT NULL,
    record      TEXT NOT NULL,            -- the event record as coded (JSON, as `dyad code` prints it)
    added       TEXT NOT NULL,
    UNIQUE (sentence_pk, event_id)
);
CREATE INDEX mentions_event ON mentions(event_id, article_pk);
CREATE INDEX mentions_article ON mentions(article_pk);

CREATE TABLE event_sources (
    event_id INTEGER NOT NULL,
    outlet   TEXT NOT NULL,
    PRIMARY KEY (event_id, outlet)
) WITHOUT ROWID;
"#;

const V2: &str = r#"
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content='sentences', content_rowid='sentence_pk', tokenize='porter unicode61'
);
INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');

CREATE TABLE event_topics (
    event_id INTEGER NOT NULL,
    topic    TEXT NOT NULL,
    PRIMARY KEY (event_id, topic)
) WITHOUT ROWID;
CREATE INDEX event_topics_topic ON event_topics(topic, event_id);
INSERT OR IGNORE INTO event_topics(event_id, topic)
    SELECT m.event_id, j.value FROM mentions m, json_each(m.record, '$.topics') j
    WHERE j.type = 'text';
"#;

/// What [`check`] found the file needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plan {
    /// An empty file: create the schema.
    Create,
    /// At the current version.
    Current,
    /// An older dyad database: upgrade from this version.
    Upgrade(i64),
}

/// Reads the header and decides, without writing anything: a newer or foreign database is refused
/// here, before the file is touched.
pub(crate) fn check(conn: &Connection, path: &str, read_only: bool) -> Result<Plan> {
    let (version, app, tables) = header(conn).map_err(|source| StoreError::Sql {
        path: path.to_string(),
        what: "reading the header".into(),
        source,
    })?;
    if version == 0 && app == 0 && tables == 0 {
        if read_only {
            return Err(StoreError::Foreign {
                path: path.to_string(),
                reason: "the database is empty".into(),
            });
        }
        return Ok(Plan::Create);
    }
    if app != APPLICATION_ID {
        return Err(StoreError::Foreign {
            path: path.to_string(),
            reason: format!(
                "application_id is {app:#x}, expected {APPLICATION_ID:#x} (an SQLite file with {tables} table(s) written by something else)"
            ),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < SCHEMA_VERSION {
        if read_only {
            return Err(StoreError::Invalid(format!(
                "{path}: schema version {version} needs an upgrade to {SCHEMA_VERSION}; open it for writing first"
            )));
        }
        return Ok(Plan::Upgrade(version));
    }
    Ok(Plan::Current)
}

/// Carries out a [`Plan`]. Returns the version it upgraded from, if it did.
pub(crate) fn apply(conn: &mut Connection, path: &str, plan: Plan) -> Result<Option<i64>> {
    match plan {
        Plan::Current => Ok(None),
        Plan::Create => migrate(conn, path, 0).map(|_| None),
        Plan::Upgrade(from) => migrate(conn, path, from).map(|_| Some(from)),
    }
}

/// `(user_version, application_id, number of tables)`.
fn header(conn: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    Ok((version, app, tables))
}

/// Runs the migrations from `from` to the current version in one transaction.
fn migrate(conn: &mut Connection, path: &str, from: i64) -> Result<()> {
    migrate_to(conn, path, from, SCHEMA_VERSION)
}

/// Runs the migrations from `from` to `to` in one transaction. Public for tests that need a database
/// of an older version: [`create_at_version`].
fn migrate_to(conn: &mut Connection, path: &str, from: i64, to: i64) -> Result<()> {
    let fail = |source| StoreError::Migration {
        path: path.to_string(),
        from,
        to,
        source,
    };
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(fail)?;
    // Re-read inside the write lock: another process may have upgraded the file meanwhile.
    let (now, _, _) = header(&tx).map_err(fail)?;
    if now != from {
        return Err(StoreError::Invalid(format!(
            "{path}: schema version changed from {from} to {now} while opening; try again"
        )));
    }
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(to as usize)
        .skip(from as usize)
    {
        tx.execute_batch(sql).map_err(fail)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)
            .map_err(fail)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(fail)?;
    tx.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('written_by', ?1)",
        [format!("dyad {}", env!("CARGO_PKG_VERSION"))],
    )
    .map_err(fail)?;
    tx.commit().map_err(fail)
}

/// Creates a database at an older schema `version` (for upgrade tests and tools). The file must
/// not exist yet.
#[doc(hidden)]
pub fn create_at_version(path: &std::path::Path, version: i64) -> Result<Connection> {
    let name = path.display().to_string();
    if path.exists() || !(1..=SCHEMA_VERSION).contains(&version) {
        return Err(StoreError::Invalid(format!(
            "{name}: expected a new file and a version in 1..={SCHEMA_VERSION}"
        )));
    }
    let mut conn = Connection::open(path).map_err(|source| StoreError::Sql {
        path: name.clone(),
        what: "cannot create".into(),
        source,
    })?;
    migrate_to(&mut conn, &name, 0, version)?;
    Ok(conn)
}
