//! `dyad eval quotes` (and `dyad eval geo`): the enrichment stage on gold sets.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;
use dyad_enrich::quotes::eval;

#[derive(Args)]
pub struct QuotesArgs {
    /// A PolNeAR compartment folder (e.g. polnear/dev) with `text/` and `attributions/`; the
    /// parent folder's `metadata.tsv` names the annotation used for each article. Spans match
    /// when they overlap (each gold span matched at most once), the usual PolNeAR convention;
    /// brat's character offsets are compared as byte offsets of the same text.
    pub dir: PathBuf,
    /// Print one JSON object: {"relations", "source_f1", "content_f1", "cue_f1", …}.
    #[arg(long)]
    pub json: bool,
    /// Also list, on stderr, the gold relations whose cue dyad missed and the relations dyad
    /// found whose cue is not in the gold, with their source and content, and the relations whose
    /// cue is right but whose source is not (with the gold source and the paragraph).
    #[arg(long)]
    pub failures: bool,
}

pub fn run_quotes(args: QuotesArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let s = eval::eval_polnear(&args.dir)?;
    if args.failures {
        for f in &s.failures {
            eprintln!("{f}");
        }
    }
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
    } else {
        println!(
            "{} documents, {} gold relations, {} found: source F1 {:.4} (P {:.4} R {:.4}), content F1 {:.4} (P {:.4} R {:.4}), cue F1 {:.4} (P {:.4} R {:.4}); {:.2} s",
            s.documents,
            s.relations,
            s.found,
            s.source_f1,
            s.source_precision,
            s.source_recall,
            s.content_f1,
            s.content_precision,
            s.content_recall,
            s.cue_f1,
            s.cue_precision,
            s.cue_recall,
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct GeoArgs {
    /// A TR-News / LGL style XML file (`<article><text>` and `<toponyms><toponym><phrase><start>
    /// <end><gaztag geonameid><lat><lon><country>`), or GeoWebNews' `GWN.xml` (`<extractedName>`,
    /// `<geonamesID>`, `<latitude>`, `<longitude>`; no country). A gold toponym counts as found
    /// when a found toponym overlaps it; resolution is measured on the gold toponyms found.
    pub file: PathBuf,
    /// Print one JSON object: {"gold", "found", "recall", "precision", "acc_161km",
    /// "country_accuracy", "mean_error_km", …}.
    #[arg(long)]
    pub json: bool,
    /// Also list, on stderr, each gold toponym resolved more than 161 km away or in another
    /// country, with the place dyad chose and why.
    #[arg(long)]
    pub failures: bool,
}

pub fn run_geo(args: GeoArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let s = dyad_enrich::geo::eval::eval_geo(&args.file)?;
    if args.failures {
        for f in &s.failures {
            eprintln!("{f}");
        }
    }
    if args.json {
        println!("{}", serde_json::to_string(&s)?);
    } else {
        println!(
            "{} articles, {} gold toponyms, {} found: recall {:.4}, precision {:.4}, acc@161km {:.4} (of {}), country {:.4} (of {}), mean error {:.1} km; {:.2} s",
            s.articles,
            s.gold,
            s.found,
            s.recall,
            s.precision,
            s.acc_161km,
            s.resolved,
            s.country_accuracy,
            s.with_country,
            s.mean_error_km,
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
