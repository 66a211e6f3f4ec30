//! `dyad query`: events from the store, filtered, as an aligned table, JSONL or CSV; or, with
//! `--by`, a time series.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dyad_store::export::{CSV_HEADER, csv_row};
use dyad_store::query::EventRow;
use dyad_store::{Filter, OpenMode, Period, SeriesRow, Store};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    Table,
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Day,
    Month,
    Year,
}

#[derive(Args)]
pub struct QueryArgs {
    /// The database file.
    #[arg(long)]
    pub db: PathBuf,
    /// Source actor code prefix (PAK matches PAK, PAKGOV, PAKMIL…).
    #[arg(long)]
    pub source: Option<String>,
    /// Target actor code prefix.
    #[arg(long)]
    pub target: Option<String>,
    /// Two actor code prefixes, either direction: PAK,RUS.
    #[arg(long, value_parser = parse_dyad)]
    pub dyad: Option<(String, String)>,
    /// CAMEO root code (01–20).
    #[arg(long, value_parser = parse_root)]
    pub root: Option<String>,
    /// CAMEO event code prefix (042).
    #[arg(long)]
    pub cameo: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// First event date (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<NaiveDate>,
    /// Last event date (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<NaiveDate>,
    /// Topic name (as in the events' `topics`).
    #[arg(long)]
    pub topic: Option<String>,
    /// Words that must all occur in a sentence reporting the event (full-text search, stemmed).
    #[arg(long)]
    pub text: Option<String>,
    /// At most this many rows.
    #[arg(long)]
    pub limit: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
    /// A time series instead of events: counts per day, month or year.
    #[arg(long, value_enum)]
    pub by: Option<By>,
    /// Print SQLite's query plan for the filter on stderr.
    #[arg(long, hide = true)]
    pub plan: bool,
}

fn parse_dyad(s: &str) -> Result<(String, String), String> {
    match s.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_uppercase(), b.trim().to_uppercase()))
        }
        _ => Err(format!(
            "expected two actor codes separated by a comma (PAK,RUS), got {s:?}"
        )),
    }
}

fn parse_root(s: &str) -> Result<String, String> {
    match s.trim().parse::<u8>() {
        Ok(n @ 1..=20) => Ok(format!("{n:02}")),
        _ => Err(format!("expected a CAMEO root code 01–20, got {s:?}")),
    }
}

pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open(&args.db, OpenMode::Existing)?;
    if let Some(v) = store.upgraded_from() {
        eprintln!(
            "{}: schema upgraded from version {v} to {}",
            args.db.display(),
            dyad_store::SCHEMA_VERSION
        );
    }
    let filter = Filter {
        source: args.source.clone(),
        target: args.target.clone(),
        dyad: args.dyad.clone(),
        root: args.root.clone(),
        cameo: args.cameo.clone(),
        quad: args.quad,
        from: args.from,
        to: args.to,
        topic: args.topic.clone(),
        text: args.text.clone(),
        limit: args.limit,
    };
    if args.plan {
        for line in store.plan(&filter)? {
            eprintln!("plan: {line}");
        }
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let res = match args.by {
        Some(by) => {
            let period = match by {
                By::Day => Period::Day,
                By::Month => Period::Month,
                By::Year => Period::Year,
            };
            let rows = store.series(&filter, period)?;
            print_series(&mut out, &rows, args.format)
        }
        None => print_events(&mut out, &store, &filter, args.format),
    };
    match res.and_then(|_| out.flush().map_err(anyhow::Error::from)) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<io::Error>()
                    .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            }) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(e).context("writing the results"),
    }
}

fn print_events(
    out: &mut dyn Write,
    store: &Store,
    filter: &Filter,
    format: QueryFormat,
) -> anyhow::Result<()> {
    match format {
        QueryFormat::Jsonl => {
            store.events(filter, &mut |e| {
                serde_json::to_writer(&mut *out, &e)?;
                writeln!(out)
            })?;
        }
        QueryFormat::Csv => {
            writeln!(out, "{}", CSV_HEADER.join(","))?;
            store.events(filter, &mut |e| writeln!(out, "{}", csv_row(&e)))?;
        }
        QueryFormat::Table => {
            let mut rows: Vec<EventRow> = Vec::new();
            store.events(filter, &mut |e| {
                rows.push(e);
                Ok(())
            })?;
            let head = [
                "id", "date", "source", "target", "cameo", "quad", "gold", "ment", "src", "art",
                "what",
            ];
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|e| {
                    let what = format!("{} | {} | {}", e.source_text, e.verb_text, e.target_text);
                    vec![
                        e.event_id.to_string(),
                        e.date.clone(),
                        e.source.clone(),
                        e.target.clone(),
                        e.cameo.clone(),
                        e.quad_class.map(|q| q.to_string()).unwrap_or_default(),
                        e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
                        e.num_mentions.to_string(),
                        e.num_sources.to_string(),
                        e.num_articles.to_string(),
                        truncate(&what, 70),
                    ]
                })
                .collect();
            // Numbers right-aligned, text left-aligned.
            let right = [
                true, false, false, false, false, true, true, true, true, true, false,
            ];
            table(out, &head, &body, &right)?;
            writeln!(out, "{} events", rows.len())?;
        }
    }
    Ok(())
}

fn print_series(
    out: &mut dyn Write,
    rows: &[SeriesRow],
    format: QueryFormat,
) -> anyhow::Result<()> {
    match format {
        QueryFormat::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                writeln!(out)?;
            }
        }
        QueryFormat::Csv => {
            writeln!(out, "period,events,mentions,articles,goldstein")?;
            for r in rows {
                writeln!(
                    out,
                    "{},{},{},{},{}",
                    r.period,
                    r.events,
                    r.mentions,
                    r.articles,
                    r.goldstein.map(|g| format!("{g:.3}")).unwrap_or_default()
                )?;
            }
        }
        QueryFormat::Table => {
            let head = ["period", "events", "mentions", "articles", "goldstein"];
            let body: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.period.clone(),
                        r.events.to_string(),
                        r.mentions.to_string(),
                        r.articles.to_string(),
                        r.goldstein.map(|g| format!("{g:.2}")).unwrap_or_default(),
                    ]
                })
                .collect();
            table(out, &head, &body, &[false, true, true, true, true])?;
        }
    }
    Ok(())
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// Writes an aligned table: widths from the longest cell (in characters) of each column.
pub fn table(
    out: &mut dyn Write,
    head: &[&str],
    body: &[Vec<String>],
    right: &[bool],
) -> io::Result<()> {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = &str>| -> io::Result<()> {
        let mut s = String::new();
        for (i, cell) in cells.enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            let pad = w.saturating_sub(cell.chars().count());
            if i > 0 {
                s.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            } else {
                s.push_str(cell);
                if i + 1 < widths.len() {
                    s.push_str(&" ".repeat(pad));
                }
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, &mut head.iter().copied())?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &mut rule.iter().map(String::as_str))?;
    for row in body {
        line(out, &mut row.iter().map(String::as_str))?;
    }
    Ok(())
}
