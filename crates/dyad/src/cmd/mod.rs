//! One module per subcommand family.

pub mod article;
pub mod code;
pub mod dict;
pub mod eval_code;
pub mod eval_gold;
pub mod text;
pub mod timex;
