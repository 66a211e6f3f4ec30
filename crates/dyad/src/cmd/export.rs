//! `dyad export`: the store as GDELT 2.0 Events or Mentions tables, JSONL, CSV or Parquet.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};
use dyad_store::export::Format;
use dyad_store::{OpenMode, Store};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// GDELT 2.0 Events table: 61 tab-separated columns, no header.
    Gdelt,
    /// GDELT 2.0 Mentions table: 16 tab-separated columns, no header.
    Mentions,
    /// One event per line with its mentions.
    Jsonl,
    /// One event per row, with a header.
    Csv,
    /// The CSV columns, typed (needs a build with the `parquet` feature).
    Parquet,
}

#[derive(Args)]
pub struct ExportArgs {
    /// The database file.
    #[arg(long)]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (written beside it and renamed into place when complete).
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let store = Store::open(&args.db, OpenMode::Existing)?;
    if let Some(v) = store.upgraded_from() {
        eprintln!(
            "{}: schema upgraded from version {v} to {}",
            args.db.display(),
            dyad_store::SCHEMA_VERSION
        );
    }
    let format = match args.format {
        ExportFormat::Gdelt => Format::Gdelt,
        ExportFormat::Mentions => Format::Mentions,
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Parquet => Format::Parquet,
    };
    let n = store.export(format, &args.out)?;
    let what = if format == Format::Mentions {
        "mentions"
    } else {
        "events"
    };
    eprintln!(
        "{n} {what} written to {} in {:.2} s",
        args.out.display(),
        t0.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
