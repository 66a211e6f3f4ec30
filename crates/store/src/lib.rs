//! The event store: dyad's articles, sentences, events and mentions in one embedded SQLite file.
//!
//! **In:** [`Article`](dyad_ingest::Article)s from `dyad-ingest` with what `dyad-code` made of them
//! ([`CodedArticle`](dyad_code::document::CodedArticle): sentences and
//! [`EventRecord`](dyad_code::EventRecord)s), written in batches through a [`Batch`] (one
//! transaction each, WAL journal: a crash loses at most the batch in flight, never a committed one).
//!
//! **Out:** a database that holds each article once (same id or same content: [`Outcome::Duplicate`]),
//! each event once (same date, source, target and CAMEO code, and the same location where known)
//! with GDELT 2.0's `num_mentions`, `num_sources` and `num_articles`, a mentions table linking every
//! event to each sentence and article that reported it, and an FTS5 index over those sentences.
//! Reading it back:
//! [`query`] (filters and time series), [`stats`] (counts) and [`export`] (GDELT 2.0 Events and
//! Mentions tables, JSONL, CSV and, with the `parquet` feature, Parquet).
//!
//! A near-duplicate article (the same wire story from another outlet, found by MinHash with
//! `dyad_ingest::dedup::Fingerprint`) is stored and adds mentions, an article and a source to the
//! events of the story it repeats, not new events. The schema is versioned ([`schema`]): an older
//! database is upgraded in one transaction, a newer or foreign one is refused untouched.

pub mod export;
pub mod query;
pub mod schema;
pub mod stats;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

pub use query::{Filter, Period, SeriesRow};
pub use schema::SCHEMA_VERSION;
pub use write::{Batch, DupKind, Outcome, Prepared, Stored, content_hash, event_key, outlet_of};

/// What went wrong in the store. Each message names the database file and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: no such database (run `dyad ingest … --db {path}` to create one)")]
    Missing { path: String },
    #[error("{path}: not a dyad database: {reason}")]
    Foreign { path: String, reason: String },
    #[error(
        "{path}: schema version {found} is newer than this dyad understands (version {supported}); \
         upgrade dyad — the database was left untouched"
    )]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error(
        "{path}: upgrading the schema from version {from} to {to} failed, nothing was changed: {source}"
    )]
    Migration {
        path: String,
        from: i64,
        to: i64,
        source: rusqlite::Error,
    },
    #[error("{path}: {what}: {source}")]
    Sql {
        path: String,
        what: String,
        source: rusqlite::Error,
    },
    #[error("{what}: {source}")]
    Io {
        what: String,
        source: std::io::Error,
    },
    /// One article could not be stored (it was rolled back; the batch goes on).
    #[error("{origin}: article {id}: {what}")]
    Record {
        origin: String,
        id: String,
        what: String,
    },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How [`Store::open`] treats a missing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the database if it does not exist (ingest).
    Create,
    /// The database must exist (query, stats, export).
    Existing,
    /// The database must exist and be at the current version; never written (a second reader).
    ReadOnly,
}

/// An open dyad database.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    /// The schema version the file had when opened, if it was upgraded.
    upgraded_from: Option<i64>,
}

impl Store {
    /// Opens (or creates) the database at `path`, upgrading an older schema.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        let name = path.display().to_string();
        if mode != OpenMode::Create && !path.exists() {
            return Err(StoreError::Missing { path: name });
        }
        let flags = match mode {
            OpenMode::ReadOnly => {
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
            OpenMode::Existing => {
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
            OpenMode::Create => {
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
            }
        };
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Sql {
            path: name.clone(),
            what: "cannot open".into(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            upgraded_from: None,
        };
        store.probe()?;
        // Refuse a newer or foreign file before anything (even the journal mode) is written.
        let plan = schema::check(&store.conn, &name, mode == OpenMode::ReadOnly)?;
        store.tune(mode)?;
        store.upgraded_from = schema::apply(&mut store.conn, &name, plan)?;
        Ok(store)
    }

    /// Checks that the file is SQLite at all.
    fn probe(&self) -> Result<()> {
        let c = &self.conn;
        c.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| self.err("setting the busy timeout", e))?;
        // The writer uses about twenty statements per article: keep them all prepared.
        c.set_prepared_statement_cache_capacity(64);
        // A file that is not SQLite at all fails here, on its first read.
        let _: i64 = c
            .query_row("PRAGMA schema_version", [], |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => StoreError::Foreign {
                    path: self.name(),
                    reason: "the file is not an SQLite database".into(),
                },
                _ => self.err("reading the schema", e),
            })?;
        Ok(())
    }

    fn tune(&self, mode: OpenMode) -> Result<()> {
        let c = &self.conn;
        if mode != OpenMode::ReadOnly {
            // WAL: readers never block the writer, and a killed process leaves the last committed
            // transaction intact. NORMAL sync is durable against process crashes in WAL mode.
            c.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| self.err("switching to WAL", e))?;
            c.pragma_update(None, "synchronous", "NORMAL")
                .map_err(|e| self.err("setting synchronous", e))?;
            // Fold the log back every 32 MiB rather than 4: pages that many batches touch (the
            // indexes) are copied back fewer times. `checkpoint` empties it at the end.
            c.pragma_update(None, "wal_autocheckpoint", 8192)
                .map_err(|e| self.err("setting wal_autocheckpoint", e))?;
        }
        c.pragma_update(None, "cache_size", -65536)
            .map_err(|e| self.err("setting the cache size", e))?;
        c.pragma_update(None, "temp_store", "MEMORY")
            .map_err(|e| self.err("setting temp_store", e))?;
        // Stable query plans: without this, SQLite (built with STAT4) re-prepares the event lookup
        // every time its parameters change, which cost more than the lookups themselves. dyad's
        // statements are equality lookups whose best index does not depend on the values.
        c.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .map_err(|e| self.err("enabling stable query plans", e))?;
        Ok(())
    }

    /// The schema version the file had before [`Store::open`] upgraded it, if it did.
    pub fn upgraded_from(&self) -> Option<i64> {
        self.upgraded_from
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for tools and tests that read the tables directly.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Whether an article with this id or this content is already stored (committed or in this
    /// connection's open transaction).
    pub fn seen(&self, id: &str, content: i64) -> Result<Option<DupKind>> {
        write::seen(&self.conn, id, content).map_err(|e| self.err("looking up an article", e))
    }

    /// Starts a batch: one transaction. `threshold` is the MinHash similarity from which an article
    /// is a near-duplicate of a stored one.
    pub fn batch(&mut self, threshold: f64) -> Result<Batch<'_>> {
        Batch::begin(self, threshold)
    }

    /// Folds the write-ahead log back into the database file and updates the planner's statistics.
    /// Called at the end of an ingest; safe to skip (the next open replays the log).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .execute_batch("PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|e| self.err("checkpointing", e))
    }

    pub(crate) fn name(&self) -> String {
        self.path.display().to_string()
    }

    pub(crate) fn err(&self, what: &str, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.name(),
            what: what.to_string(),
            source,
        }
    }
}
