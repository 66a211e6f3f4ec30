//! `dyad code`: read articles, split and tag their sentences, and code events.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use dyad_code::document::{self, CodedArticle};
use dyad_ingest::{Article, Item, Options};

use super::ordered::JOB;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    Jsonl,
    Tsv,
}

#[derive(Args)]
pub struct CodeArgs {
    /// Files or directories of articles, in any format `dyad article` reads ("-" for stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub dicts: super::coding::DictArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutFormat::Jsonl)]
    pub format: OutFormat,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Input format (as for `dyad article`).
    #[arg(long = "input-format", default_value = "auto")]
    pub input_format: String,
    /// Publication date for plain text articles.
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Do not list rejected records on stderr (the summary is still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the engine's reading of every sentence on stderr (units, clause breaks, why nothing
    /// was coded): for writing and debugging dictionaries.
    #[arg(long)]
    pub trace: bool,
}

pub fn run(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let mut ctx = super::coding::load_context(&args.dicts)?;
    ctx.trace = args.trace;
    let opts = Options {
        format: dyad_ingest::parse_format(&args.input_format)?,
        date: args.date,
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut n_sent, mut n_events) = (0usize, 0usize);
    if args.format == OutFormat::Tsv {
        writeln!(
            out,
            "article_id\tsentence_id\tdate\tsource\ttarget\tcameo\tquad_class\tgoldstein\tverb_text"
        )?;
    }
    let mut failed = 0u64;
    let mut closed = false;
    // Read, code on N threads and print in input order, a few jobs at a time.
    let read = super::ordered::run(
        threads,
        |send| read_articles(&args, &opts, send),
        |job: Vec<Article>| job.iter().map(|a| code_one(&ctx, a)).collect::<Vec<_>>(),
        |done: Vec<Result<(usize, CodedArticle), String>>| {
            for coded in done {
                let (n, c) = match coded {
                    Ok(x) => x,
                    Err(msg) => {
                        failed += 1;
                        eprintln!("rejected: {msg}");
                        continue;
                    }
                };
                n_sent += n;
                for t in &c.trace {
                    eprintln!("{t}");
                }
                for r in &c.events {
                    n_events += 1;
                    let res = write_event(&mut out, r, args.format);
                    match res {
                        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                            closed = true;
                            return Ok(false);
                        }
                        r => r.context("writing events")?,
                    }
                }
            }
            Ok(true)
        },
    )?;
    if closed {
        return Ok(ExitCode::SUCCESS);
    }
    out.flush().ok();
    let secs = t0.elapsed().as_secs_f64();
    eprintln!(
        "{} articles, {} rejected, {n_sent} sentences, {n_events} events in {secs:.2} s ({:.0} sentences/s on {threads} coding threads)",
        read.articles,
        read.rejected + failed,
        n_sent as f64 / secs.max(1e-9)
    );
    // The compiled dictionaries are large: leave them to the OS instead of freeing them piece by piece.
    std::mem::forget(ctx);
    Ok(if read.articles == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What the reader counted.
struct Read {
    articles: u64,
    rejected: u64,
}

/// Reads every path and sends its articles in jobs of [`JOB`]; stops when `send` says the writer
/// has stopped.
fn read_articles(
    args: &CodeArgs,
    opts: &Options,
    send: &mut dyn FnMut(Vec<Article>) -> bool,
) -> Read {
    let mut read = Read {
        articles: 0,
        rejected: 0,
    };
    let mut pending: Vec<Article> = Vec::with_capacity(JOB);
    let mut closed = false;
    let stderr = io::stderr();
    for path in &args.paths {
        let mut sink = |item: Item| match item {
            Item::Article(a) if !closed => {
                read.articles += 1;
                pending.push(*a);
                if pending.len() >= JOB && !send(std::mem::take(&mut pending)) {
                    closed = true;
                }
            }
            Item::Article(_) => {}
            Item::Rejected(r) => {
                read.rejected += 1;
                if !args.quiet {
                    let _ = writeln!(stderr.lock(), "rejected: {r}");
                }
            }
            Item::Skipped(_) => {}
        };
        if let Err(e) = dyad_ingest::read_path(path, opts, &mut sink) {
            read.rejected += 1;
            eprintln!("rejected: {e}");
        }
        if closed {
            return read;
        }
    }
    if !pending.is_empty() {
        send(pending);
    }
    read
}

/// Codes and enriches one article, keeping only what is printed (its sentence count and events).
fn code_one(ctx: &document::Context, a: &Article) -> Result<(usize, CodedArticle), String> {
    let mut c = super::coding::code_and_enrich(ctx, a)?;
    // Readings, sentences and mentions were for enrichment: free them now.
    let n = c.sentences.len();
    c.paragraphs = Vec::new();
    c.sentences = Vec::new();
    c.mentions = Vec::new();
    Ok((n, c))
}

/// One event as a JSON line or a TSV row.
fn write_event(
    out: &mut impl Write,
    r: &dyad_code::EventRecord,
    format: OutFormat,
) -> io::Result<()> {
    match format {
        OutFormat::Jsonl => serde_json::to_writer(&mut *out, r)
            .map_err(io::Error::from)
            .and_then(|_| writeln!(out)),
        OutFormat::Tsv => writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.article_id,
            r.sentence_id,
            r.date,
            r.source,
            r.target,
            r.cameo,
            r.quad_class.map(|q| q.to_string()).unwrap_or_default(),
            r.goldstein.map(|g| g.to_string()).unwrap_or_default(),
            r.verb_text
        ),
    }
}
