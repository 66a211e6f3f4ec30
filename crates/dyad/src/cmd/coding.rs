//! Shared by the commands that code articles: the dictionary flags, loading them into a coding
//! context, and coding one article.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use dyad_code::dict;
use dyad_code::document::{self, CodedArticle, Context};
use dyad_code::engine::Coder;

/// Which dictionaries to code with.
#[derive(Args, Debug, Clone)]
pub struct DictArgs {
    /// Code with a TABARI project (.project file).
    #[arg(long, conflicts_with_all = ["petrarch", "dictionaries"])]
    pub tabari: Option<PathBuf>,
    /// Code with a PETRARCH dictionary folder (PETRARCH-1 or PETRARCH-2/Phoenix).
    #[arg(long, conflicts_with = "dictionaries")]
    pub petrarch: Option<PathBuf>,
    /// Code with a dictionary folder in any supported syntax. Without any of these three flags, dyad
    /// codes with its own dictionaries (built in; see `dictionaries/` in the repository).
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
}

/// Loads the chosen dictionaries (dyad's own by default) and builds the coding context. Skipped
/// dictionary lines are counted on stderr.
pub fn load_context(args: &DictArgs) -> anyhow::Result<Context> {
    let d = if let Some(p) = &args.tabari {
        dict::load_tabari(p)
    } else if let Some(p) = &args.petrarch {
        dict::load_petrarch(p)
    } else if let Some(p) = &args.dictionaries {
        dict::load_any(p)
    } else {
        dict::builtin::load()
    }
    .context("loading dictionaries")?;
    if !d.warnings.is_empty() {
        eprintln!(
            "{} dictionary lines skipped (see `dyad dict check`)",
            d.warnings.len()
        );
    }
    Ok(Context::new(Coder::new(d)))
}

/// Codes one article and enriches it (attribution, location): the steps `dyad code` and
/// `dyad ingest` share. A panic while coding is caught and becomes the article's rejection
/// message (its origin and the panic's text), so that one bad article does not stop a run.
pub fn code_and_enrich(ctx: &Context, a: &dyad_ingest::Article) -> Result<CodedArticle, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut c = document::code_article(ctx, a);
        dyad_enrich::enrich(a, &mut c);
        c
    }))
    .map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("{}: coding failed: {msg}", a.origin)
    })
}
