//! `dyad eval timex`: scores the time-expression finder on TimeML files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use dyad_text::timex::eval::eval_dir;

#[derive(Args)]
pub struct EvalTimexArgs {
    /// A folder of TimeML .tml files (searched recursively).
    pub dir: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// List every disagreement with the gold (missed, spurious, wrong value,
    /// wrong span), one per line, before the summary.
    #[arg(long)]
    pub failures: bool,
}

/// The `--json` line, in this key order.
#[derive(serde::Serialize)]
struct Summary {
    gold: usize,
    predicted: usize,
    strict_f1: f64,
    relaxed_f1: f64,
    value_f1: f64,
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

pub fn run_eval_timex(args: EvalTimexArgs) -> anyhow::Result<ExitCode> {
    let report = eval_dir(&args.dir, args.failures)
        .with_context(|| format!("dyad eval timex {}", args.dir.display()))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for s in &report.skipped {
        eprintln!(
            "dyad eval timex: skipped {} (byte {}): {}",
            s.file.display(),
            s.offset,
            s.message
        );
    }
    if args.failures {
        for f in &report.failures {
            let line = format!(
                "{}\t{}\tgold={:?} {}\tpredicted={:?} {}\t{}",
                f.what,
                f.file,
                f.gold_text.as_deref().unwrap_or(""),
                f.gold_value.as_deref().unwrap_or(""),
                f.predicted_text.as_deref().unwrap_or(""),
                f.predicted_value.as_deref().unwrap_or(""),
                f.context
            );
            if args.json {
                eprintln!("{line}");
            } else {
                writeln!(out, "{line}")?;
            }
        }
    }
    let c = report.counts;
    if args.json {
        let v = Summary {
            gold: c.gold,
            predicted: c.predicted,
            strict_f1: round4(c.strict_f1()),
            relaxed_f1: round4(c.relaxed_f1()),
            value_f1: round4(c.value_f1()),
        };
        writeln!(out, "{}", serde_json::to_string(&v)?)?;
    } else {
        writeln!(
            out,
            "files scored   {:>6}\nfiles skipped  {:>6}\ngold           {:>6}\npredicted      {:>6}",
            report.files,
            report.skipped.len(),
            c.gold,
            c.predicted
        )?;
        writeln!(out, "{:<10} {:>8}", "match", "F1")?;
        writeln!(out, "{:<10} {:>8.4}", "strict", c.strict_f1())?;
        writeln!(out, "{:<10} {:>8.4}", "relaxed", c.relaxed_f1())?;
        writeln!(out, "{:<10} {:>8.4}", "value", c.value_f1())?;
    }
    if report.files == 0 && report.skipped.is_empty() {
        eprintln!(
            "dyad eval timex: no .tml files under {}",
            args.dir.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
