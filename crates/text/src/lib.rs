//! dyad's language core for English news text.
//!
//! In: raw text (`&str`, UTF-8). Out: sentences and tokens with byte offsets into that text,
//! each token with a Universal POS tag, a Penn Treebank tag and a lemma ([`Pipeline`]);
//! plus the pieces on their own: [`tokenize`], [`split_sentences`], [`Tagger`], and the
//! training/evaluation code ([`train`]) that builds the embedded model from UD English EWT.
//! Time expressions live in [`timex`].

pub mod conllu;
mod features;
mod hash;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod sentences;
pub mod tagger;
pub mod timex;
pub mod tokenize;
pub mod train;

pub use model::{TagClass, Upos};
pub use pipeline::{Doc, Pipeline, Sentence, Token};
pub use sentences::{SentenceSpan, split_sentences, split_tokens};
pub use tagger::{Tagged, Tagger};
pub use tokenize::{RawToken, tokenize};

/// Errors of the language core.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: line {line}: {message}")]
    Conllu {
        file: String,
        line: usize,
        message: String,
    },
    #[error(
        "WordNet file {path}: {source} (training needs WordNet 3.0: install the Debian package \
         wordnet-base, `apt-get install wordnet-base`, or pass the database directory)"
    )]
    WordNet {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("tagger model: {0}")]
    Model(String),
}
