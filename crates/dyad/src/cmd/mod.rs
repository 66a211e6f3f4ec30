//! One module per subcommand family.

pub mod article;
pub mod code;
pub mod coding;
pub mod dict;
pub mod eval_code;
pub mod eval_enrich;
pub mod eval_gold;
pub mod export;
pub mod ingest;
pub mod ordered;
pub mod query;
pub mod stats;
pub mod text;
pub mod timex;
