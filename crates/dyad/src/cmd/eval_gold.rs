//! `dyad eval plover` and `dyad eval pentaclass`: dyad's own dictionaries on real-news gold sets
//! (see `dyad_code::gold` for how each is scored).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use dyad_code::document::Context;
use dyad_code::gold;

#[derive(Args)]
pub struct PloverArgs {
    /// PLOVER gold records, one JSON object a line (PLOVER_GSR_dev.jsonl layout).
    pub file: PathBuf,
    /// Code with this dictionary folder instead of dyad's own.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Print one JSON object: {"records", "type_accuracy", "source_accuracy", "target_accuracy", …}.
    #[arg(long)]
    pub json: bool,
    /// List every record on stderr: id, gold type, type/source/target right or not, dyad's events.
    #[arg(long)]
    pub details: bool,
}

#[derive(Args)]
pub struct PentaclassArgs {
    /// Sentences with a class 0-4, tab-separated (cameo_class_train.tsv layout).
    pub file: PathBuf,
    /// Code with this dictionary folder instead of dyad's own.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Print one JSON object: {"records", "accuracy", "confusion"}.
    #[arg(long)]
    pub json: bool,
    /// List every sentence on stderr: line, gold class, predicted class, events, text.
    #[arg(long)]
    pub details: bool,
}

/// Prints a line on stdout; a closed pipe (`| head`) ends the output quietly.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        match writeln!(std::io::stdout().lock(), $($arg)*) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            r => r?,
        }
    }};
}

fn context(dictionaries: &Option<PathBuf>) -> anyhow::Result<Context> {
    super::coding::load_context(&super::coding::DictArgs {
        tabari: None,
        petrarch: None,
        dictionaries: dictionaries.clone(),
    })
}

/// The unreadable lines, then (with `--details`) one line per record, on stderr.
fn report_lines(errors: &[String], details: &[String], show_details: bool) {
    for e in errors {
        eprintln!("{e}");
    }
    if show_details {
        for d in details {
            eprintln!("{d}");
        }
    }
}

pub fn run_plover(args: PloverArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let ctx = context(&args.dictionaries)?;
    let s = gold::eval_plover(&ctx, &args.file)?;
    report_lines(&s.errors, &s.details, args.details);
    if args.json {
        say!("{}", serde_json::to_string(&s)?);
    } else {
        say!(
            "{} records: type {:.4}, source {:.4} (of {}), target {:.4} (of {}); {} with no event; {} bad lines; {:.2} s",
            s.records,
            s.type_accuracy,
            s.source_accuracy,
            s.with_source,
            s.target_accuracy,
            s.with_target,
            s.no_event,
            s.bad_lines,
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_pentaclass(args: PentaclassArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let ctx = context(&args.dictionaries)?;
    let s = gold::eval_pentaclass(&ctx, &args.file)?;
    report_lines(&s.errors, &s.details, args.details);
    if args.json {
        say!("{}", serde_json::to_string(&s)?);
    } else {
        say!(
            "{} records: accuracy {:.4}; {} bad lines; {:.2} s",
            s.records,
            s.accuracy,
            s.bad_lines,
            t0.elapsed().as_secs_f64()
        );
        say!("confusion (rows gold 0-4, columns predicted 0-4):");
        for row in &s.confusion {
            say!(
                "  {}",
                row.iter()
                    .map(|n| format!("{n:5}"))
                    .collect::<Vec<_>>()
                    .join("")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
