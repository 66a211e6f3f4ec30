//! `dyad stats`: counts over a database: articles, events, mentions, by root code, dyad and month.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use dyad_store::{OpenMode, Store};

use super::query::table;

#[derive(Args)]
pub struct StatsArgs {
    /// The database file.
    #[arg(long)]
    pub db: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// How many dyads to list.
    #[arg(long, default_value_t = 20)]
    pub top: usize,
}

pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open(&args.db, OpenMode::Existing)?;
    if let Some(v) = store.upgraded_from() {
        eprintln!(
            "{}: schema upgraded from version {v} to {}",
            args.db.display(),
            dyad_store::SCHEMA_VERSION
        );
    }
    let s = store.stats(args.top)?;
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    let counts = [
        ("articles", s.articles),
        ("  near-duplicates", s.near_duplicates),
        ("  not coded", s.not_coded),
        ("outlets", s.outlets),
        ("sentences with events", s.event_sentences),
        ("events", s.events),
        ("mentions", s.mentions),
    ];
    let body: Vec<Vec<String>> = counts
        .iter()
        .map(|(k, v)| vec![k.to_string(), v.to_string()])
        .collect();
    table(&mut out, &["what", "count"], &body, &[false, true])?;
    println!(
        "\nevent dates {} to {}, schema version {}",
        s.first_date.as_deref().unwrap_or("-"),
        s.last_date.as_deref().unwrap_or("-"),
        s.schema_version
    );
    println!("\nby root code");
    let body: Vec<Vec<String>> = s
        .by_root
        .iter()
        .map(|(k, v)| vec![k.clone(), v.to_string()])
        .collect();
    table(&mut out, &["root", "events"], &body, &[false, true])?;
    println!("\nby dyad (top {})", args.top);
    let body: Vec<Vec<String>> = s
        .by_dyad
        .iter()
        .map(|d| {
            vec![
                d.source.clone(),
                d.target.clone(),
                d.events.to_string(),
                d.mentions.to_string(),
            ]
        })
        .collect();
    table(
        &mut out,
        &["source", "target", "events", "mentions"],
        &body,
        &[false, false, true, true],
    )?;
    println!("\nby month");
    let body: Vec<Vec<String>> = s
        .by_month
        .iter()
        .map(|(k, v)| {
            vec![
                if k.is_empty() {
                    "(no date)".into()
                } else {
                    k.clone()
                },
                v.to_string(),
            ]
        })
        .collect();
    table(&mut out, &["month", "events"], &body, &[false, true])?;
    Ok(ExitCode::SUCCESS)
}
