//! Part-of-speech tagger and lemmatizer: a two-pass averaged perceptron (pass 1 greedy
//! left-to-right; pass 2 also sees pass 1's tags of the next two words), trained on
//! UD English EWT by [`crate::train`].

use std::path::Path;

use crate::TextError;
use crate::features::{END, END2, START, START2, TokInfo, features, normalise, tok_infos};
use crate::model::{Model, TagClass, Upos, Weights};

/// The model trained on UD English EWT (CC BY-SA 4.0; see `models/LICENSE.md`).
pub static EMBEDDED_MODEL: &[u8] = include_bytes!("../models/en_ewt.pos");

/// One tagged word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged {
    pub upos: Upos,
    pub xpos: &'static str,
    pub lemma: String,
}

/// The tagger: immutable after loading, so it is `Send + Sync` and can be shared.
pub struct Tagger {
    pub(crate) model: Model,
}

#[derive(Default)]
pub(crate) struct Scratch {
    infos: Vec<TokInfo>,
    feats: Vec<u64>,
    cased: String,
    lower: String,
    scores: Vec<i32>,
    margins: Vec<i32>,
}

impl Tagger {
    /// Loads the model embedded in the binary.
    pub fn embedded() -> Result<Tagger, TextError> {
        Tagger::from_bytes(EMBEDDED_MODEL)
    }

    /// Loads a model file written by `dyad train tagger`.
    pub fn load_from(path: impl AsRef<Path>) -> Result<Tagger, TextError> {
        let p = path.as_ref();
        let data = std::fs::read(p).map_err(|e| TextError::Io {
            path: p.display().to_string(),
            source: e,
        })?;
        Tagger::from_bytes(&data)
    }

    /// Loads a model from bytes.
    pub fn from_bytes(data: &[u8]) -> Result<Tagger, TextError> {
        Ok(Tagger {
            model: Model::from_bytes(data)?,
        })
    }

    pub(crate) fn from_model(model: Model) -> Tagger {
        Tagger { model }
    }

    /// The model's classes ((UPOS, XPOS) pairs).
    pub fn classes(&self) -> &[TagClass] {
        &self.model.classes
    }

    /// Number of features in the weight tables (pass 1, pass 2).
    pub fn n_features(&self) -> (usize, usize) {
        (
            self.model.pass1.n_features,
            self.model.pass2.as_ref().map_or(0, |w| w.n_features),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn greedy(
        &self,
        w: &Weights,
        infos: &[TokInfo],
        right: Option<&[u8]>,
        feats: &mut Vec<u64>,
        scores: &mut Vec<i32>,
        out: &mut Vec<u8>,
        margins: &mut Vec<i32>,
    ) {
        let m = &self.model;
        let nc = m.classes.len();
        let second = right.is_some();
        if !second {
            out.clear();
            margins.clear();
        }
        let (mut p1, mut p2) = (START, START2);
        for i in 0..infos.len() {
            if second && margins[i] >= m.margin {
                p2 = p1;
                p1 = out[i];
                continue;
            }
            let c = match m.tagdict.get(&infos[i].word) {
                Some(&c) => {
                    if !second {
                        margins.push(i32::MAX);
                    }
                    c
                }
                None => {
                    let r = right.map(|r| {
                        (
                            r.get(i + 1).copied().unwrap_or(END),
                            r.get(i + 2).copied().unwrap_or(END2),
                        )
                    });
                    features(infos, i, p1, p2, r, feats);
                    scores.clear();
                    scores.resize(nc, 0);
                    w.score(feats, scores);
                    let (mut best, mut b1, mut b2) = (0usize, i32::MIN, i32::MIN);
                    for (k, &s) in scores.iter().enumerate() {
                        if s > b1 {
                            b2 = b1;
                            b1 = s;
                            best = k;
                        } else if s > b2 {
                            b2 = s;
                        }
                    }
                    if !second {
                        margins.push(b1.saturating_sub(b2));
                    }
                    best as u8
                }
            };
            if second {
                out[i] = c;
            } else {
                out.push(c);
            }
            p2 = p1;
            p1 = c;
        }
    }

    /// Tags a sentence given as words; returns class indices.
    pub(crate) fn tag_classes(&self, words: &[&str], s: &mut Scratch, out: &mut Vec<u8>) {
        tok_infos(
            words,
            &self.model.amb,
            &mut s.infos,
            &mut s.cased,
            &mut s.lower,
        );
        self.greedy(
            &self.model.pass1,
            &s.infos,
            None,
            &mut s.feats,
            &mut s.scores,
            out,
            &mut s.margins,
        );
        // Pass 2 re-tags only the words pass 1 was unsure of (margin below the model's).
        if let Some(p2) = &self.model.pass2 {
            let first = out.clone();
            self.greedy(
                p2,
                &s.infos,
                Some(&first),
                &mut s.feats,
                &mut s.scores,
                out,
                &mut s.margins,
            );
        }
    }

    /// Tags and lemmatizes a sentence given as words.
    pub fn tag(&self, words: &[&str]) -> Vec<Tagged> {
        let mut s = Scratch::default();
        let mut classes = Vec::with_capacity(words.len());
        self.tag_classes(words, &mut s, &mut classes);
        words
            .iter()
            .zip(&classes)
            .map(|(w, &c)| {
                let tc = self.model.classes[c as usize];
                normalise(w, &mut s.cased, &mut s.lower);
                Tagged {
                    upos: tc.upos,
                    xpos: tc.xpos,
                    lemma: self.model.lemmatizer.lemma(&s.cased, tc),
                }
            })
            .collect()
    }

    /// Tags only (no lemmas): the UPOS of each word.
    pub fn tag_upos(&self, words: &[&str]) -> Vec<Upos> {
        let mut s = Scratch::default();
        let mut classes = Vec::with_capacity(words.len());
        self.tag_classes(words, &mut s, &mut classes);
        classes
            .iter()
            .map(|&c| self.model.classes[c as usize].upos)
            .collect()
    }

    /// The lemma of a word with the given tags.
    pub fn lemma(&self, word: &str, tag: TagClass) -> String {
        let (mut c, mut l) = (String::new(), String::new());
        normalise(word, &mut c, &mut l);
        self.model.lemmatizer.lemma(&c, tag)
    }
}
