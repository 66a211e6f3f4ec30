//! `dyad ingest`: read articles, code them and store articles, sentences, events and mentions.
//!
//! Three stages run at once: a reader (the ingest readers, dropping articles the database already
//! holds before they are coded), N coders, and the writer on this thread. The writer stores
//! articles in input order, one transaction per `--batch` articles, so that a killed run followed by
//! the same command leaves exactly what one clean run leaves.

use std::collections::{BTreeMap, HashSet};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::Args;
use dyad_code::document::Context;
use dyad_ingest::{Article, Item, Options};
use dyad_store::{DupKind, OpenMode, Outcome, Prepared, SCHEMA_VERSION, Store, content_hash};
use indicatif::{ProgressBar, ProgressStyle};

use super::coding::{DictArgs, load_context};
use super::ordered::JOB;

#[derive(Args)]
pub struct IngestArgs {
    /// Files or directories of articles, in any format `dyad article` reads ("-" for stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The database file (created if it does not exist).
    #[arg(long)]
    pub db: PathBuf,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Coding threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Input format (as for `dyad article`).
    #[arg(long = "input-format", default_value = "auto")]
    pub input_format: String,
    /// Publication date for plain text articles.
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Minimum MinHash similarity for an article to count as a near-duplicate of a stored one (its
    /// events become mentions of the stored story's events). Above 1 turns this off.
    #[arg(long, default_value_t = 0.7)]
    pub dedup_threshold: f64,
    /// Do not list rejected records on stderr (the summary is still printed).
    #[arg(long, short)]
    pub quiet: bool,
    /// Articles per transaction.
    #[arg(long, default_value_t = 500, hide = true)]
    pub batch: usize,
}

struct Job {
    seq: u64,
    articles: Vec<Article>,
}

/// A coded article ready for the writer, or why it was rejected (the reason's kind, the message).
type Coded = Result<Prepared, (&'static str, String)>;

struct Done {
    seq: u64,
    items: Vec<Coded>,
}

/// What the reader saw.
#[derive(Default)]
struct ReadTally {
    articles: u64,
    duplicates: BTreeMap<DupKind, u64>,
    rejected: BTreeMap<String, u64>,
    skipped: BTreeMap<String, u64>,
}

/// What the writer stored.
#[derive(Default)]
struct WriteTally {
    stored: u64,
    near_duplicates: u64,
    not_coded: BTreeMap<String, u64>,
    duplicates: BTreeMap<DupKind, u64>,
    rejected: BTreeMap<String, u64>,
    sentences: u64,
    events: u64,
    new_events: u64,
    mentions: u64,
}

/// A progress bar on a terminal, plain lines otherwise.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let pb = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {pos} articles stored, {msg}",
            ) {
                pb.set_style(style);
            }
            pb.set_message("loading dictionaries");
            pb.enable_steady_tick(Duration::from_millis(120));
            pb
        });
        Progress { bar }
    }

    fn println(&self, line: &str) {
        match &self.bar {
            Some(pb) => pb.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn update(&self, t: &WriteTally, read: u64, secs: f64) {
        if let Some(pb) = &self.bar {
            pb.set_position(t.stored);
            pb.set_message(format!(
                "{read} read, {} sentences, {} events ({:.0} articles/s)",
                t.sentences,
                t.events,
                t.stored as f64 / secs.max(1e-9)
            ));
        }
    }

    fn finish(&self) {
        if let Some(pb) = &self.bar {
            pb.finish_and_clear();
        }
    }
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    if args.batch == 0 {
        anyhow::bail!("--batch must be at least 1");
    }
    let db = args.db.display().to_string();
    let mut store = Store::open(&args.db, OpenMode::Create)?;
    if let Some(v) = store.upgraded_from() {
        eprintln!("{db}: schema upgraded from version {v} to {SCHEMA_VERSION}");
    }
    // A second, read-only connection lets the reader skip stored articles before they are coded.
    let lookup = Store::open(&args.db, OpenMode::ReadOnly)?;
    let ctx = load_context(&args.dicts)?;
    let opts = Options {
        format: dyad_ingest::parse_format(&args.input_format)?,
        date: args.date,
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let progress = Progress::new();
    let read_count = std::sync::atomic::AtomicU64::new(0);

    let (job_tx, job_rx) = sync_channel::<Job>(threads * 2);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (done_tx, done_rx) = sync_channel::<Done>(threads * 2);
    let (read, written) = std::thread::scope(|s| {
        let reader = s.spawn(|| read_all(&args, &opts, lookup, job_tx, &progress, &read_count));
        for _ in 0..threads {
            let rx = Arc::clone(&job_rx);
            let tx = done_tx.clone();
            let ctx = &ctx;
            s.spawn(move || code_jobs(ctx, rx, tx));
        }
        drop(done_tx);
        // Only the coders hold the job queue now: if they all stop, the reader's sends fail.
        drop(job_rx);
        let written = write_all(&mut store, done_rx, &args, &progress, &read_count, t0);
        let read = reader
            .join()
            .map_err(|_| anyhow::anyhow!("the reader thread panicked"));
        (read, written)
    });
    progress.finish();
    let written = written?;
    let read = read?;
    store.checkpoint()?;

    let secs = t0.elapsed().as_secs_f64();
    let mut duplicates = read.duplicates.clone();
    for (k, v) in &written.duplicates {
        *duplicates.entry(*k).or_default() += v;
    }
    let n_dup: u64 = duplicates.values().sum();
    let mut rejected = read.rejected.clone();
    for (k, v) in &written.rejected {
        *rejected.entry(k.clone()).or_default() += v;
    }
    let n_rej: u64 = rejected.values().sum();
    let dup_parts: Vec<String> = duplicates
        .iter()
        .map(|(k, v)| format!("{v} {}", k.as_str()))
        .collect();
    let mut line = format!(
        "{db}: {} articles read: {} stored ({} near-duplicates of stored stories), {n_dup} duplicate{}, {n_rej} rejected",
        read.articles,
        written.stored,
        written.near_duplicates,
        if dup_parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", dup_parts.join(", "))
        },
    );
    let not_coded: u64 = written.not_coded.values().sum();
    if not_coded > 0 {
        let parts: Vec<String> = written
            .not_coded
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        line.push_str(&format!(", {not_coded} not coded ({})", parts.join(", ")));
    }
    let skipped: u64 = read.skipped.values().sum();
    if skipped > 0 {
        let parts: Vec<String> = read
            .skipped
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        line.push_str(&format!(", {skipped} skipped ({})", parts.join(", ")));
    }
    eprintln!("{line}");
    eprintln!(
        "{} sentences, {} events ({} new events, {} mentions) in {secs:.2} s ({:.0} articles/s, {:.0} sentences/s, {threads} coding threads)",
        written.sentences,
        written.events,
        written.new_events,
        written.mentions,
        read.articles as f64 / secs.max(1e-9),
        written.sentences as f64 / secs.max(1e-9),
    );
    if n_rej == 0 {
        eprintln!("0 rejected");
    } else {
        let parts: Vec<String> = rejected.iter().map(|(k, v)| format!("{v} {k}")).collect();
        eprintln!("{n_rej} rejected: {}", parts.join(", "));
    }
    // The compiled dictionaries are large: leave them to the OS instead of freeing them piece by piece.
    std::mem::forget(ctx);
    Ok(if read.articles == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The reader: every item of every path; stored articles (and repeats within this run) are counted
/// as duplicates here, the rest go to the coders in jobs of [`JOB`].
fn read_all(
    args: &IngestArgs,
    opts: &Options,
    lookup: Store,
    jobs: SyncSender<Job>,
    progress: &Progress,
    read_count: &std::sync::atomic::AtomicU64,
) -> ReadTally {
    let mut tally = ReadTally::default();
    let mut ids: HashSet<String> = HashSet::new();
    let mut contents: HashSet<i64> = HashSet::new();
    let mut pending: Vec<Article> = Vec::with_capacity(JOB);
    let mut seq = 0u64;
    let mut closed = false;
    for path in &args.paths {
        let mut sink = |item: Item| {
            if closed {
                return;
            }
            match item {
                Item::Article(a) => {
                    tally.articles += 1;
                    read_count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let hash = content_hash(&a);
                    let dup = if ids.contains(&a.id) {
                        Some(DupKind::SameId)
                    } else if contents.contains(&hash) {
                        Some(DupKind::SameContent)
                    } else {
                        // The writer checks again inside its transaction: a failed look-up
                        // here only costs coding the article.
                        lookup.seen(&a.id, hash).unwrap_or_default()
                    };
                    if let Some(k) = dup {
                        *tally.duplicates.entry(k).or_default() += 1;
                        return;
                    }
                    ids.insert(a.id.clone());
                    contents.insert(hash);
                    pending.push(*a);
                    if pending.len() >= JOB {
                        let job = Job {
                            seq,
                            articles: std::mem::take(&mut pending),
                        };
                        seq += 1;
                        if jobs.send(job).is_err() {
                            // The writer stopped (it reports why).
                            closed = true;
                        }
                    }
                }
                Item::Rejected(r) => {
                    *tally.rejected.entry(r.kind.to_string()).or_default() += 1;
                    if !args.quiet {
                        progress.println(&format!("rejected: {r}"));
                    }
                }
                Item::Skipped(s) => *tally.skipped.entry(s.kind).or_default() += 1,
            }
        };
        if let Err(e) = dyad_ingest::read_path(path, opts, &mut sink) {
            *tally.rejected.entry("unreadable path".into()).or_default() += 1;
            progress.println(&format!("rejected: {e}"));
        }
        if closed {
            break;
        }
    }
    if !pending.is_empty() && !closed {
        let _ = jobs.send(Job {
            seq,
            articles: pending,
        });
    }
    tally
}

/// A coder: codes each job's articles in order and prepares them for the store. A panic while
/// coding one article rejects that article, not the run.
fn code_jobs(ctx: &Context, jobs: Arc<Mutex<Receiver<Job>>>, done: SyncSender<Done>) {
    loop {
        let job = {
            let rx = jobs.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            rx.recv()
        };
        let Ok(job) = job else { break };
        let items = job
            .articles
            .into_iter()
            .map(|a| -> Coded {
                // The same steps as `dyad code`: code, then enrich (attribution, location).
                let coded = super::coding::code_and_enrich(ctx, &a)
                    .map_err(|msg| ("coding failed", msg))?;
                Prepared::new(a, coded).map_err(|e| ("bad event record", e.to_string()))
            })
            .collect();
        if done
            .send(Done {
                seq: job.seq,
                items,
            })
            .is_err()
        {
            break;
        }
    }
}

/// The writer: stores coded articles in input order, committing every `--batch` articles.
fn write_all(
    store: &mut Store,
    done: Receiver<Done>,
    args: &IngestArgs,
    progress: &Progress,
    read_count: &std::sync::atomic::AtomicU64,
    t0: Instant,
) -> anyhow::Result<WriteTally> {
    let db = args.db.display().to_string();
    let mut tally = WriteTally::default();
    let mut waiting: BTreeMap<u64, Vec<Coded>> = BTreeMap::new();
    let mut next = 0u64;
    let mut batch = store.batch(args.dedup_threshold)?;
    let mut in_batch = 0usize;
    let reject = |tally: &mut WriteTally, kind: &str, msg: String| {
        *tally.rejected.entry(kind.to_string()).or_default() += 1;
        if !args.quiet {
            progress.println(&format!("rejected: {msg}"));
        }
    };
    for d in done {
        waiting.insert(d.seq, d.items);
        while let Some(items) = waiting.remove(&next) {
            next += 1;
            for coded in items {
                let p = match coded {
                    Ok(p) => p,
                    Err((kind, msg)) => {
                        reject(&mut tally, kind, msg);
                        continue;
                    }
                };
                match batch.add_prepared(&p) {
                    Ok(Outcome::Duplicate(k)) => *tally.duplicates.entry(k).or_default() += 1,
                    Ok(Outcome::Stored(s)) => {
                        tally.stored += 1;
                        tally.near_duplicates += s.near_duplicate_of.is_some() as u64;
                        if let Some(why) = &p.skipped {
                            let lang = why.split(':').next().unwrap_or(why).to_string();
                            *tally.not_coded.entry(lang).or_default() += 1;
                        }
                        tally.sentences += s.sentences as u64;
                        tally.events += s.events as u64;
                        tally.new_events += s.new_events as u64;
                        tally.mentions += s.mentions as u64;
                    }
                    // A failed write is the database's: the batch is rolled back and the run
                    // stops; running the same command again resumes after the last commit.
                    Err(e) => return Err(e).context(format!("{db}: storing {}", p.article.origin)),
                }
                in_batch += 1;
                if in_batch >= args.batch {
                    batch.commit()?;
                    batch = store.batch(args.dedup_threshold)?;
                    in_batch = 0;
                }
            }
            progress.update(
                &tally,
                read_count.load(std::sync::atomic::Ordering::Relaxed),
                t0.elapsed().as_secs_f64(),
            );
        }
    }
    batch.commit()?;
    if !waiting.is_empty() {
        anyhow::bail!(
            "{db}: {} coded job(s) never came in order (a coding thread stopped); the stored articles are complete up to that point",
            waiting.len()
        );
    }
    Ok(tally)
}
