//! `dyad dict check`: load a dictionary set, report its syntax, counts, warnings and load time.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, ValueEnum};
use dyad_code::dict;

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// Detect: a TABARI .project (or a folder with one), else a PETRARCH folder.
    Auto,
    Tabari,
    Petrarch,
}

#[derive(Args)]
pub struct CheckArgs {
    /// A TABARI .project file, or a folder of TABARI or PETRARCH (1 or 2/Phoenix) dictionaries.
    pub path: PathBuf,
    /// Which family to read.
    #[arg(long, value_enum, default_value_t = Kind::Auto)]
    pub kind: Kind,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args)]
pub struct StatsArgs {
    /// A dictionary set (as for `dict check`); without it, dyad's own built-in dictionaries.
    pub path: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `dyad dict stats`: the counts of each kind in a set (dyad's own by default).
pub fn run_stats(args: StatsArgs) -> anyhow::Result<ExitCode> {
    match args.path {
        Some(path) => run_check(CheckArgs {
            path,
            kind: Kind::Auto,
            json: args.json,
        }),
        None => {
            let t0 = Instant::now();
            let d = dict::builtin::load().context("loading dyad's built-in dictionaries")?;
            report(
                &d,
                "dyad built-in",
                args.json,
                t0.elapsed().as_secs_f64() * 1000.0,
            )
        }
    }
}

pub fn run_check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let d = match args.kind {
        Kind::Auto => dict::load_any(&args.path),
        Kind::Tabari => dict::load_tabari(&args.path),
        Kind::Petrarch => dict::load_petrarch(&args.path),
    }
    .with_context(|| format!("loading dictionaries from {}", args.path.display()))?;
    report(
        &d,
        &args.path.display().to_string(),
        args.json,
        t0.elapsed().as_secs_f64() * 1000.0,
    )
}

fn report(d: &dict::Dictionaries, path: &str, json: bool, ms: f64) -> anyhow::Result<ExitCode> {
    let counts = d.counts();
    let mut by_file: std::collections::BTreeMap<&str, usize> = Default::default();
    for a in &d.actors {
        *by_file.entry(&a.file).or_default() += 1;
    }
    let topics = (path == "dyad built-in").then(dyad_code::Topics::builtin);
    if json {
        let v = serde_json::json!({
            "path": path,
            "syntax": d.syntax,
            "files": d.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
            "counts": counts,
            "actors_by_file": by_file,
            "topics": topics.as_ref().map(|t| t.names().len()),
            "topic_phrases": topics.as_ref().map(|t| t.phrases()),
            "warnings": d.warnings,
            "load_ms": (ms * 10.0).round() / 10.0,
        });
        println!("{v}");
    } else {
        println!(
            "{} dictionaries, {} files, loaded in {ms:.1} ms",
            d.syntax,
            d.files.len()
        );
        for f in &d.files {
            println!("  {}", f.display());
        }
        for (k, v) in &counts {
            println!("  {k:14} {v}");
        }
        println!("  actors by file:");
        for (f, n) in &by_file {
            println!("    {f:32} {n}");
        }
        if let Some(t) = &topics {
            println!(
                "  topics         {} ({} phrases, dictionaries/dyad.topics.txt)",
                t.names().len(),
                t.phrases()
            );
        }
        for w in &d.warnings {
            eprintln!("warning: {w}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
