//! Counts over the whole store: articles, events, mentions, by root code, by dyad and by month.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{Result, SCHEMA_VERSION, Store};

/// Events between two countries (or IGO/NGO codes), in one direction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadCount {
    pub source: String,
    pub target: String,
    pub events: i64,
    pub mentions: i64,
}

/// What [`Store::stats`] counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub schema_version: i64,
    pub articles: i64,
    /// Articles stored as near-duplicates of an earlier one (their events are mentions).
    pub near_duplicates: i64,
    /// Articles stored but not coded (not English).
    pub not_coded: i64,
    /// Sentences stored: those that reported an event.
    pub event_sentences: i64,
    pub events: i64,
    pub mentions: i64,
    /// Distinct outlets.
    pub outlets: i64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Events by CAMEO root code.
    pub by_root: BTreeMap<String, i64>,
    /// Events by QuadClass.
    pub by_quad: BTreeMap<String, i64>,
    /// The busiest country dyads (both sides known), most events first.
    pub by_dyad: Vec<DyadCount>,
    /// Events by month (`YYYY-MM`); undated events under `""`.
    pub by_month: BTreeMap<String, i64>,
}

impl Store {
    /// Counts everything; `top` dyads are listed.
    pub fn stats(&self, top: usize) -> Result<Stats> {
        let c = &self.conn;
        let one = |sql: &str| -> Result<i64> {
            c.query_row(sql, [], |r| r.get(0))
                .map_err(|e| self.err("counting", e))
        };
        let opt = |sql: &str| -> Result<Option<String>> {
            c.query_row(sql, [], |r| r.get(0))
                .map_err(|e| self.err("counting", e))
        };
        let grouped = |sql: &str| -> Result<BTreeMap<String, i64>> {
            let mut st = c.prepare(sql).map_err(|e| self.err("counting", e))?;
            let rows = st
                .query_map([], |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                        r.get::<_, i64>(1)?,
                    ))
                })
                .map_err(|e| self.err("counting", e))?;
            rows.collect::<rusqlite::Result<BTreeMap<_, _>>>()
                .map_err(|e| self.err("counting", e))
        };
        let mut st = c
            .prepare(
                "SELECT source_country, target_country, count(*) AS n, sum(num_mentions) FROM events
                 WHERE source_country <> '' AND target_country <> ''
                 GROUP BY source_country, target_country ORDER BY n DESC, source_country, target_country LIMIT ?1",
            )
            .map_err(|e| self.err("counting dyads", e))?;
        let by_dyad = st
            .query_map([top as i64], |r| {
                Ok(DyadCount {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get(2)?,
                    mentions: r.get(3)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err("counting dyads", e))?;
        Ok(Stats {
            schema_version: SCHEMA_VERSION,
            articles: one("SELECT count(*) FROM articles")?,
            near_duplicates: one(
                "SELECT count(*) FROM articles WHERE near_duplicate_of IS NOT NULL",
            )?,
            not_coded: one("SELECT count(*) FROM articles WHERE skipped IS NOT NULL")?,
            event_sentences: one("SELECT count(*) FROM sentences")?,
            events: one("SELECT count(*) FROM events")?,
            mentions: one("SELECT count(*) FROM mentions")?,
            outlets: one("SELECT count(DISTINCT outlet) FROM articles")?,
            first_date: opt("SELECT min(date) FROM events WHERE date <> ''")?,
            last_date: opt("SELECT max(date) FROM events WHERE date <> ''")?,
            by_root: grouped("SELECT root, count(*) FROM events GROUP BY root")?,
            by_quad: grouped(
                "SELECT coalesce(CAST(quad_class AS TEXT), ''), count(*) FROM events GROUP BY quad_class",
            )?,
            by_dyad,
            by_month: grouped("SELECT substr(date, 1, 7) AS m, count(*) FROM events GROUP BY m")?,
        })
    }
}
