//! `dyad eval tabari` and `dyad eval petrarch`: conformance with the classic coders' suites.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dyad_code::engine;
use dyad_code::eval;

#[derive(Args)]
pub struct TabariArgs {
    /// TABARI's .project file (it names the dictionaries and Validate.text).
    pub project: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// List the ids of the records not coded exactly, with expected and coded events.
    #[arg(long)]
    pub failures: bool,
    /// Ignore records' `{ OPTION: … }` commands (TABARI's plain batch mode).
    #[arg(long)]
    pub batch: bool,
    /// Also score the records after FINAL-01 (TABARI's non-standard tests).
    #[arg(long)]
    pub all: bool,
    /// With --failures, also print the engine's reading of each failed record.
    #[arg(long)]
    pub trace: bool,
}

#[derive(Args)]
pub struct PetrarchArgs {
    /// PETRARCH's unit-test records (PETR.UnitTest.records.xml).
    pub records: PathBuf,
    /// The dictionary folder to code with.
    #[arg(long)]
    pub dictionaries: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// List the ids of the records not coded exactly.
    #[arg(long)]
    pub failures: bool,
    /// With --failures, also print the engine's reading of each failed record.
    #[arg(long)]
    pub trace: bool,
}

fn report(
    score: &eval::Score,
    json: bool,
    failures: bool,
    trace: bool,
    secs: f64,
) -> anyhow::Result<ExitCode> {
    if failures {
        for f in &score.failures {
            let fmt = |v: &Vec<eval::Triple>| {
                v.iter()
                    .map(|(s, t, c)| format!("{s}/{t}/{c}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            eprintln!(
                "{}\texpected [{}]\tcoded [{}]",
                f.id,
                fmt(&f.expected),
                fmt(&f.coded)
            );
            if trace {
                eprintln!("\t{}", f.trace);
            }
        }
    }
    if json {
        /// The contract's keys, in the contract's order.
        #[derive(serde::Serialize)]
        struct Out<'a> {
            records: usize,
            exact: usize,
            accuracy: f64,
            false_events: usize,
            missed_events: usize,
            #[serde(skip_serializing_if = "Option::is_none")]
            failures: Option<Vec<&'a str>>,
        }
        let out = Out {
            records: score.records,
            exact: score.exact,
            accuracy: (score.accuracy * 10000.0).round() / 10000.0,
            false_events: score.false_events,
            missed_events: score.missed_events,
            failures: failures.then(|| score.failures.iter().map(|f| f.id.as_str()).collect()),
        };
        println!("{}", serde_json::to_string(&out)?);
    } else {
        println!(
            "{} records, {} exact ({:.1} %), {} false events, {} missed events, {:.2} s",
            score.records,
            score.exact,
            score.accuracy * 100.0,
            score.false_events,
            score.missed_events,
            secs
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_tabari(args: TabariArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let (coder, records) = eval::load_tabari_suite(&args.project, args.all)
        .with_context(|| format!("loading {}", args.project.display()))?;
    let score = eval::score(
        &coder,
        &records,
        &engine::analyze,
        !args.batch,
        args.failures,
    );
    report(
        &score,
        args.json,
        args.failures,
        args.trace,
        t0.elapsed().as_secs_f64(),
    )
}

pub fn run_petrarch(args: PetrarchArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let (coder, records) = eval::load_petrarch_suite(&args.records, &args.dictionaries)
        .with_context(|| {
            format!(
                "loading {} with {}",
                args.records.display(),
                args.dictionaries.display()
            )
        })?;
    let score = eval::score(&coder, &records, &engine::analyze, true, args.failures);
    report(
        &score,
        args.json,
        args.failures,
        args.trace,
        t0.elapsed().as_secs_f64(),
    )
}
