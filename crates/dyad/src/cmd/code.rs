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

    // Read the articles, counting rejections.
    let mut articles: Vec<Article> = Vec::new();
    let mut rejected = 0u64;
    let stderr = io::stderr();
    for path in &args.paths {
        let mut sink = |item: Item| match item {
            Item::Article(a) => articles.push(*a),
            Item::Rejected(r) => {
                rejected += 1;
                if !args.quiet {
                    let _ = writeln!(stderr.lock(), "rejected: {r}");
                }
            }
            Item::Skipped(_) => {}
        };
        if let Err(e) = dyad_ingest::read_path(path, &opts, &mut sink) {
            rejected += 1;
            eprintln!("rejected: {e}");
        }
    }
    let t_read = t0.elapsed();

    // Code them on N threads, keeping the input order.
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let chunk = articles.len().div_ceil(threads).max(1);
    // (sentences, the coded article with only what is printed kept)
    let results: Vec<(usize, CodedArticle)> = std::thread::scope(|s| {
        let handles: Vec<_> = articles
            .chunks(chunk)
            .map(|part| {
                s.spawn(|| {
                    part.iter()
                        .map(|a| {
                            let mut c = document::code_article(&ctx, a);
                            dyad_enrich::enrich(a, &mut c);
                            // Readings, sentences and mentions were for enrichment: free them now,
                            // so that a large batch holds only its events until it is printed.
                            let n = c.sentences.len();
                            c.paragraphs = Vec::new();
                            c.sentences = Vec::new();
                            c.mentions = Vec::new();
                            (n, c)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut n_sent, mut n_events) = (0usize, 0usize);
    if args.format == OutFormat::Tsv {
        writeln!(
            out,
            "article_id\tsentence_id\tdate\tsource\ttarget\tcameo\tquad_class\tgoldstein\tverb_text"
        )?;
    }
    for (n, c) in &results {
        n_sent += n;
        for t in &c.trace {
            eprintln!("{t}");
        }
        for r in &c.events {
            n_events += 1;
            let res = match args.format {
                OutFormat::Jsonl => serde_json::to_writer(&mut out, r)
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
            };
            match res {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
                r => r.context("writing events")?,
            }
        }
    }
    out.flush().ok();
    let secs = t0.elapsed().as_secs_f64();
    let code_secs = (t0.elapsed() - t_read).as_secs_f64().max(1e-9);
    eprintln!(
        "{} articles, {} rejected, {n_sent} sentences, {n_events} events in {secs:.2} s ({:.0} sentences/s coding on {threads} threads)",
        articles.len(),
        rejected,
        n_sent as f64 / code_secs
    );
    // The compiled dictionaries are large: leave them to the OS instead of freeing them piece by piece.
    std::mem::forget(ctx);
    Ok(if articles.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
