//! The `dyad` command: political event data from raw news.
//!
//! Each subcommand lives in its own module under `cmd/`. Data goes to stdout, diagnostics to stderr.
//! Exit codes: 0 success, 1 runtime error, 2 usage error (clap's default for parse errors).

mod cmd;

use std::process::ExitCode;

/// mimalloc: dyad makes many small strings (tokens, lemmas, codes); glibc's allocator was a
/// tenth of the instructions `dyad code` runs. Its version 2 (the `v2` feature): version 3 held
/// 40–60 MB more at peak on Reuters.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};

/// dyad turns raw news into political event data: who did what to whom, when, where, and who said so.
#[derive(Parser)]
#[command(name = "dyad", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (scraped text, plain text, HTML, RSS/Atom, WARC, JSONL) and print their metadata and clean body.
    Article(cmd::article::ArticleArgs),
    /// Code events (CAMEO, Goldstein, QuadClass, PLOVER) from articles, one JSON object per event.
    Code(cmd::code::CodeArgs),
    /// Read, code and store articles and events in a database (idempotent, crash-safe).
    Ingest(cmd::ingest::IngestArgs),
    /// Events from a database, filtered, as a table, JSONL or CSV, or a time series (--by).
    Query(cmd::query::QueryArgs),
    /// Counts in a database: articles, events, mentions, by root code, dyad and month.
    Stats(cmd::stats::StatsArgs),
    /// Export a database: GDELT 2.0 Events or Mentions, JSONL, CSV or Parquet.
    Export(cmd::export::ExportArgs),
    /// Split a text file into sentences, one per line.
    Sentences(cmd::text::SentencesArgs),
    /// Tokenize, tag and lemmatize a text: one token a line with its tag and lemma.
    Tag(cmd::text::TagArgs),
    /// Check coding dictionaries (TABARI, PETRARCH-1, PETRARCH-2/Phoenix).
    #[command(subcommand)]
    Dict(DictCommand),
    /// Train dyad's models from the shared training data.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Measure dyad against gold standard sets.
    #[command(subcommand)]
    Eval(EvalCommand),
}

#[derive(Subcommand)]
enum DictCommand {
    /// Load a dictionary set and print its syntax, counts and any problems (errors name file and line).
    Check(cmd::dict::CheckArgs),
    /// Print the counts of each kind of entry (dyad's own dictionaries unless a PATH is given).
    Stats(cmd::dict::StatsArgs),
}

#[derive(Subcommand)]
enum TrainCommand {
    /// Train the part-of-speech tagger and lemmatizer on UD English EWT.
    Tagger(cmd::text::TrainTaggerArgs),
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Part-of-speech and lemma accuracy on a CoNLL-U file.
    Pos(cmd::text::EvalPosArgs),
    /// Time expression detection and normalisation on a folder of TimeML (.tml) files.
    Timex(cmd::timex::EvalTimexArgs),
    /// Conformance with TABARI's validation suite (Validate.text, named by the .project).
    Tabari(cmd::eval_code::TabariArgs),
    /// Conformance with PETRARCH's unit-test records.
    Petrarch(cmd::eval_code::PetrarchArgs),
    /// PLOVER type, source and target accuracy on PLOVER gold records (JSONL).
    Plover(cmd::eval_gold::PloverArgs),
    /// Five-class (statement, verbal/material cooperation/conflict) accuracy on labelled sentences.
    Pentaclass(cmd::eval_gold::PentaclassArgs),
    /// Quote and attribution extraction (source, cue, content) on a PolNeAR folder.
    Quotes(cmd::eval_enrich::QuotesArgs),
    /// Toponym recognition and resolution on a TR-News / LGL or GeoWebNews XML file.
    Geo(cmd::eval_enrich::GeoArgs),
}

/// Output to a closed pipe (`dyad stats --json | head`) ends the process quietly, as for other
/// Unix tools, instead of a panic in `println!`. Rust starts programs with SIGPIPE ignored.
#[cfg(unix)]
fn default_sigpipe() {
    // SAFETY: called once at start-up before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn default_sigpipe() {}

fn main() -> ExitCode {
    default_sigpipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // clap exits 0 for --help/--version and 2 for usage errors.
        Err(e) => e.exit(),
    };
    let result = match cli.command {
        Command::Article(args) => cmd::article::run(args),
        Command::Code(args) => cmd::code::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Query(args) => cmd::query::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Sentences(args) => cmd::text::run_sentences(args),
        Command::Tag(args) => cmd::text::run_tag(args),
        Command::Dict(DictCommand::Check(args)) => cmd::dict::run_check(args),
        Command::Dict(DictCommand::Stats(args)) => cmd::dict::run_stats(args),
        Command::Train(TrainCommand::Tagger(args)) => cmd::text::run_train_tagger(args),
        Command::Eval(EvalCommand::Pos(args)) => cmd::text::run_eval_pos(args),
        Command::Eval(EvalCommand::Timex(args)) => cmd::timex::run_eval_timex(args),
        Command::Eval(EvalCommand::Tabari(args)) => cmd::eval_code::run_tabari(args),
        Command::Eval(EvalCommand::Petrarch(args)) => cmd::eval_code::run_petrarch(args),
        Command::Eval(EvalCommand::Plover(args)) => cmd::eval_gold::run_plover(args),
        Command::Eval(EvalCommand::Pentaclass(args)) => cmd::eval_gold::run_pentaclass(args),
        Command::Eval(EvalCommand::Quotes(args)) => cmd::eval_enrich::run_quotes(args),
        Command::Eval(EvalCommand::Geo(args)) => cmd::eval_enrich::run_geo(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
