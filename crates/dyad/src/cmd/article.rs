//! `dyad article`: read articles and print their metadata and clean body.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use dyad_ingest::dedup::Deduper;
use dyad_ingest::{Article, Item, Options};

#[derive(Args)]
pub struct ArticleArgs {
    /// Files or directories (read recursively); "-" reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Input format: auto, scraped, text, html, rss, warc or jsonl. "auto" detects it from the content.
    #[arg(long, default_value = "auto")]
    pub format: String,
    /// Publication date (YYYY-MM-DD) for plain text files; otherwise the file's modification time is used.
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Print one JSON object per article (JSONL).
    #[arg(long)]
    pub json: bool,
    /// Drop near-duplicate articles (the same story republished) and report how many were dropped.
    #[arg(long)]
    pub dedup: bool,
    /// Minimum estimated Jaccard similarity of two bodies for --dedup.
    #[arg(long, default_value_t = 0.7)]
    pub dedup_threshold: f64,
    /// Exit with code 1 if any record was rejected.
    #[arg(long)]
    pub strict: bool,
    /// Do not list each rejected record on stderr (the summary is still printed).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Counts of what was read, for the summary line.
#[derive(Default)]
struct Tally {
    articles: u64,
    duplicates: u64,
    rejected: BTreeMap<&'static str, u64>,
    skipped: BTreeMap<String, u64>,
}

pub fn run(args: ArticleArgs) -> anyhow::Result<ExitCode> {
    let opts = Options {
        format: dyad_ingest::parse_format(&args.format)?,
        date: args.date,
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let mut tally = Tally::default();
    let mut dedup = args.dedup.then(|| Deduper::new(args.dedup_threshold));
    let mut write_error: Option<io::Error> = None;
    for path in &args.paths {
        let mut sink = |item: Item| match item {
            Item::Article(a) => {
                if let Some(d) = dedup.as_mut()
                    && let Some((orig, sim)) = d.check(&a.id, &a.body())
                {
                    tally.duplicates += 1;
                    if !args.quiet {
                        let _ = writeln!(
                            err,
                            "duplicate: {}: near-duplicate of article {orig} (similarity {sim:.2})",
                            a.origin
                        );
                    }
                    return;
                }
                tally.articles += 1;
                if write_error.is_none()
                    && let Err(e) = print_article(&mut out, &a, args.json)
                {
                    write_error = Some(e);
                }
            }
            Item::Rejected(r) => {
                *tally.rejected.entry(r.kind).or_default() += 1;
                if !args.quiet {
                    let _ = writeln!(err, "rejected: {r}");
                }
            }
            Item::Skipped(s) => *tally.skipped.entry(s.kind).or_default() += 1,
        };
        if let Err(e) = dyad_ingest::read_path(path, &opts, &mut sink) {
            *tally.rejected.entry("unreadable path").or_default() += 1;
            let _ = writeln!(err, "rejected: {e}");
        }
        if let Some(e) = write_error.take() {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(e).context("writing to standard output");
        }
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        r => r.context("writing to standard output")?,
    }
    let rejected: u64 = tally.rejected.values().sum();
    let skipped: u64 = tally.skipped.values().sum();
    let mut summary = format!("{} articles", tally.articles);
    if args.dedup {
        summary.push_str(&format!(", {} near-duplicates dropped", tally.duplicates));
    }
    if skipped > 0 {
        let parts: Vec<String> = tally
            .skipped
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        summary.push_str(&format!(", {skipped} skipped ({})", parts.join(", ")));
    }
    writeln!(err, "{summary}")?;
    let parts: Vec<String> = tally
        .rejected
        .iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect();
    if parts.is_empty() {
        writeln!(err, "0 rejected")?;
    } else {
        writeln!(err, "{rejected} rejected: {}", parts.join(", "))?;
    }
    if tally.articles == 0 || (args.strict && rejected > 0) {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_article(out: &mut impl Write, a: &Article, json: bool) -> io::Result<()> {
    if json {
        dyad_ingest::json::write_article(out, a)?;
        return writeln!(out);
    }
    writeln!(out, "== {}", a.title.as_deref().unwrap_or("(no title)"))?;
    writeln!(
        out,
        "   id {}  source {}  published {}  language {}  format {:?}",
        a.id,
        a.source.as_deref().unwrap_or("-"),
        a.published.map(|p| p.to_string()).as_deref().unwrap_or("-"),
        a.language.as_deref().unwrap_or("-"),
        a.format
    )?;
    if !a.authors.is_empty() {
        writeln!(out, "   by {}", a.authors.join(", "))?;
    }
    if let Some(d) = &a.dateline {
        writeln!(out, "   dateline {d}")?;
    }
    for c in &a.captions {
        writeln!(out, "   caption: {c}")?;
    }
    for p in &a.paragraphs {
        writeln!(out, "   | {p}")?;
    }
    for w in &a.warnings {
        writeln!(out, "   warning: {w}")?;
    }
    writeln!(out)
}
