//! `dyad sentences`, `dyad tag`, `dyad train tagger`, `dyad eval pos`.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use dyad_text::train::{TrainOptions, evaluate, train_tagger};
use dyad_text::{Pipeline, Tagger, conllu, split_sentences};

const EWT_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/train/ud-english-ewt"
);
const DEFAULT_TRAIN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/train/ud-english-ewt/en_ewt-ud-train.conllu"
);
const DEFAULT_DEV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/train/ud-english-ewt/en_ewt-ud-dev.conllu"
);
const DEFAULT_MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../text/models/en_ewt.pos");

#[derive(Args)]
pub struct SentencesArgs {
    /// Text file to split ("-" for standard input).
    pub file: PathBuf,
}

#[derive(Args)]
pub struct TagArgs {
    /// The text to tag.
    pub text: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Use this model file instead of the embedded one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

#[derive(Args)]
pub struct TrainTaggerArgs {
    /// CoNLL-U training file(s), used together as one training set
    /// (`--train A B` or `--train A --train B`).
    #[arg(long, num_args = 1.., default_value = DEFAULT_TRAIN)]
    pub train: Vec<PathBuf>,
    /// CoNLL-U development file (accuracy printed after training; not a held-out figure
    /// when the file is also among the --train files).
    #[arg(long, default_value = DEFAULT_DEV)]
    pub dev: PathBuf,
    /// Where to write the model (default: the committed, embedded model).
    #[arg(long, default_value = DEFAULT_MODEL)]
    pub out: PathBuf,
    /// Perceptron epochs per pass.
    #[arg(long, default_value_t = 10)]
    pub iterations: usize,
    /// Train only the left-to-right pass (faster tagging, slightly less accurate).
    #[arg(long)]
    pub one_pass: bool,
    /// WordNet 3.0 database directory (Debian package `wordnet-base`), read for lexicon
    /// features and irregular lemmas; the committed model is trained with it.
    #[arg(long, default_value = dyad_text::lexicon::DEFAULT_WORDNET_DIR)]
    pub wordnet: PathBuf,
    /// Train without WordNet (gives a different, less accurate model).
    #[arg(long)]
    pub no_wordnet: bool,
    /// Changes the epoch shuffles (XORed into the fixed seeds; 0 is the default).
    #[arg(long, default_value_t = 0, conflicts_with = "seeds")]
    pub seed: u64,
    /// Trains every pass once per seed (comma-separated) and averages the runs' weights
    /// into one model (k times the training time; on EWT dev it did not beat one seed, see
    /// the crate README).
    #[arg(long, value_delimiter = ',', num_args = 1..)]
    pub seeds: Vec<u64>,
    /// Brown word clusters: `en_lexeme_cluster.json.gz` of the PyPI package
    /// `spacy-lookups-data` (MIT). Default: that file in the package as `python3` finds it
    /// (`pip install spacy-lookups-data==1.0.5`); the committed model is trained with it.
    #[arg(long)]
    pub clusters: Option<PathBuf>,
    /// Train without word clusters (gives a different model).
    #[arg(long, conflicts_with = "clusters")]
    pub no_clusters: bool,
}

#[derive(Args)]
pub struct EvalPosArgs {
    /// A CoNLL-U file with gold UPOS tags and lemmas.
    pub file: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Use this model file instead of the embedded one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

fn load_tagger(model: &Option<PathBuf>) -> anyhow::Result<Tagger> {
    Ok(match model {
        Some(p) => Tagger::load_from(p)?,
        None => Tagger::embedded().context("loading the embedded tagger model")?,
    })
}

pub fn run_sentences(args: SentencesArgs) -> anyhow::Result<ExitCode> {
    let text = if args.file.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading standard input")?;
        s
    } else {
        std::fs::read_to_string(&args.file)
            .with_context(|| format!("reading {}", args.file.display()))?
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for s in split_sentences(&text) {
        let line: String = text[s.start..s.end]
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_tag(args: TagArgs) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::with_tagger(load_tagger(&args.model)?);
    let doc = pipeline.analyze(&args.text);
    if args.json {
        println!("{}", serde_json::to_string(&doc)?);
    } else {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        for (i, s) in doc.sentences.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            for t in &s.tokens {
                writeln!(out, "{}\t{}\t{}\t{}", t.text, t.upos, t.xpos, t.lemma)?;
            }
        }
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The cluster file of the installed `spacy_lookups_data` Python package, as `python3` finds it
/// (the package may live in any of Python's site directories, so Python is asked).
fn installed_clusters() -> anyhow::Result<PathBuf> {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            "import os, spacy_lookups_data as m; print(os.path.dirname(m.__file__))",
        ])
        .output()
        .context("running python3 to find the spacy_lookups_data package")?;
    if !out.status.success() {
        // The traceback's last line says why ("No module named 'spacy_lookups_data'").
        let err = String::from_utf8_lossy(&out.stderr);
        let why = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        anyhow::bail!("python3 cannot import spacy_lookups_data: {}", why.trim());
    }
    let dir = String::from_utf8(out.stdout).context("python3 printed a non-UTF-8 path")?;
    Ok(PathBuf::from(dir.trim()).join("data/en_lexeme_cluster.json.gz"))
}

pub fn run_train_tagger(args: TrainTaggerArgs) -> anyhow::Result<ExitCode> {
    for p in args.train.iter().chain([&args.dev]) {
        if !p.exists() {
            anyhow::bail!(
                "{} not found (the UD English EWT files are expected in {EWT_DIR}; pass --train/--dev)",
                p.display()
            );
        }
    }
    if !args.no_wordnet && !args.wordnet.join("index.noun").is_file() {
        anyhow::bail!(
            "WordNet not found: {} does not exist. Training needs WordNet 3.0: install the \
             Debian package wordnet-base (`apt-get install wordnet-base`, which puts it in {}), \
             pass --wordnet DIR, or --no-wordnet",
            args.wordnet.join("index.noun").display(),
            dyad_text::lexicon::DEFAULT_WORDNET_DIR
        );
    }
    let clusters = if args.no_clusters {
        None
    } else {
        let path = match &args.clusters {
            Some(p) => p.clone(),
            None => installed_clusters().context(
                "word clusters not found. Training reads them from the PyPI package \
                 spacy-lookups-data: install it (`pip install spacy-lookups-data==1.0.5`), \
                 pass --clusters FILE (its spacy_lookups_data/data/en_lexeme_cluster.json.gz), \
                 or --no-clusters",
            )?,
        };
        if !path.is_file() {
            anyhow::bail!(
                "{} not found: pass --clusters with the en_lexeme_cluster.json.gz of the PyPI \
                 package spacy-lookups-data, or --no-clusters",
                path.display()
            );
        }
        Some(path)
    };
    let opts = TrainOptions {
        train: args.train.clone(),
        dev: Some(args.dev.clone()),
        out: args.out.clone(),
        iterations: args.iterations.max(1),
        two_pass: !args.one_pass,
        folds: 5,
        wordnet: (!args.no_wordnet).then(|| args.wordnet.clone()),
        seeds: if args.seeds.is_empty() {
            vec![args.seed]
        } else {
            args.seeds.clone()
        },
        clusters,
    };
    let report = train_tagger(&opts, &mut |m| eprintln!("{m}"))?;
    println!(
        "wrote {} ({} bytes, {} + {} features) in {:.1} s",
        args.out.display(),
        report.model_bytes,
        report.features_pass1,
        report.features_pass2,
        report.seconds
    );
    let same = |a: &PathBuf, b: &PathBuf| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    let dev_trained = args.train.iter().any(|t| same(t, &args.dev));
    if let Some(d) = &report.dev {
        println!(
            "dev {}{}: {} tokens, UPOS {:.4}, XPOS {:.4}, lemma {:.4} (case-insensitive {:.4})",
            args.dev.display(),
            if dev_trained {
                " (also a training file: not held out)"
            } else {
                ""
            },
            d.tokens,
            d.upos_accuracy,
            d.xpos_accuracy,
            d.lemma_accuracy,
            d.lemma_accuracy_ci
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_eval_pos(args: EvalPosArgs) -> anyhow::Result<ExitCode> {
    let sents = conllu::read_file(&args.file)?;
    let t0 = Instant::now();
    let tagger = load_tagger(&args.model)?;
    let load_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let r = evaluate(&tagger, &sents);
    if args.json {
        /// The contract's keys first, in the contract's order, then the extras.
        #[derive(serde::Serialize)]
        struct Out {
            tokens: usize,
            upos_accuracy: f64,
            lemma_accuracy: f64,
            tokens_per_sec: f64,
            xpos_accuracy: f64,
            lemma_accuracy_ci: f64,
        }
        let out = Out {
            tokens: r.tokens,
            upos_accuracy: r.upos_accuracy,
            lemma_accuracy: r.lemma_accuracy,
            tokens_per_sec: r.tokens_per_sec,
            xpos_accuracy: r.xpos_accuracy,
            lemma_accuracy_ci: r.lemma_accuracy_ci,
        };
        println!("{}", serde_json::to_string(&out)?);
    } else {
        println!("file:            {}", args.file.display());
        println!("tokens:          {}", r.tokens);
        println!("UPOS accuracy:   {:.2} %", r.upos_accuracy * 100.0);
        println!("XPOS accuracy:   {:.2} %", r.xpos_accuracy * 100.0);
        println!(
            "lemma accuracy:  {:.2} % ({:.2} % ignoring case)",
            r.lemma_accuracy * 100.0,
            r.lemma_accuracy_ci * 100.0
        );
        println!(
            "speed:           {:.0} tokens/s (tag + lemmatize, one thread)",
            r.tokens_per_sec
        );
        println!("model load:      {load_ms:.1} ms");
    }
    Ok(ExitCode::SUCCESS)
}
