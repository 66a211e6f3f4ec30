//! The whole language core in one call: text → sentences → tagged, lemmatized tokens.

use std::sync::OnceLock;

use serde::Serialize;

use crate::TextError;
use crate::model::Upos;
use crate::sentences::split_tokens;
use crate::tagger::Tagger;
use crate::tokenize::tokenize;

/// A token with its byte offsets, tags and lemma.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub upos: Upos,
    /// Penn Treebank tag (UD EWT XPOS).
    pub xpos: &'static str,
    pub lemma: String,
}

/// A sentence with its byte offsets and tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
}

/// An analysed text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Doc {
    pub sentences: Vec<Sentence>,
}

impl Doc {
    /// Each sentence's tokens, in order (what the quote finder and the toponym finder read).
    pub fn sentence_tokens(&self) -> Vec<&[Token]> {
        self.sentences.iter().map(|s| s.tokens.as_slice()).collect()
    }
}

/// Tokenizer, sentence splitter, tagger and lemmatizer. `Send + Sync`: share one.
pub struct Pipeline {
    tagger: Tagger,
}

impl Pipeline {
    /// Loads the embedded model.
    pub fn new() -> Result<Pipeline, TextError> {
        Ok(Pipeline {
            tagger: Tagger::embedded()?,
        })
    }

    /// A pipeline with another tagger (e.g. [`Tagger::load_from`]).
    pub fn with_tagger(tagger: Tagger) -> Pipeline {
        Pipeline { tagger }
    }

    /// A process-wide pipeline with the embedded model, loaded on first use.
    pub fn shared() -> Result<&'static Pipeline, TextError> {
        static P: OnceLock<Pipeline> = OnceLock::new();
        if let Some(p) = P.get() {
            return Ok(p);
        }
        let p = Pipeline::new()?;
        Ok(P.get_or_init(|| p))
    }

    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// Splits, tags and lemmatizes `text`.
    pub fn analyze(&self, text: &str) -> Doc {
        let toks = tokenize(text);
        let spans = split_tokens(text, &toks);
        let mut sentences = Vec::with_capacity(spans.len());
        let mut words: Vec<&str> = Vec::new();
        for sp in spans {
            let ts = &toks[sp.tokens.clone()];
            words.clear();
            words.extend(ts.iter().map(|t| &text[t.start..t.end]));
            let tagged = self.tagger.tag(&words);
            let tokens = ts
                .iter()
                .zip(tagged)
                .map(|(t, g)| Token {
                    text: text[t.start..t.end].to_string(),
                    start: t.start,
                    end: t.end,
                    upos: g.upos,
                    xpos: g.xpos,
                    lemma: g.lemma,
                })
                .collect();
            sentences.push(Sentence {
                start: sp.start,
                end: sp.end,
                tokens,
            });
        }
        Doc { sentences }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn pipeline_is_send_sync() {
        assert_send_sync::<Pipeline>();
        assert_send_sync::<Doc>();
    }
}
