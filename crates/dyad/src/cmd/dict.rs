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

pub fn run_check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let d = match args.kind {
        Kind::Auto => dict::load_any(&args.path),
        Kind::Tabari => dict::load_tabari(&args.path),
        Kind::Petrarch => dict::load_petrarch(&args.path),
    }
    .with_context(|| format!("loading dictionaries from {}", args.path.display()))?;
    let ms = t0.elapsed().as_secs_f64() * 1000.0;
    let counts = d.counts();
    if args.json {
        let v = serde_json::json!({
            "path": args.path.display().to_string(),
            "syntax": d.syntax,
            "files": d.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>(),
            "counts": counts,
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
        for w in &d.warnings {
            eprintln!("warning: {w}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
