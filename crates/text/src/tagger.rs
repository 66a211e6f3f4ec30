//! Part-of-speech tagger and lemmatizer: a two-pass averaged perceptron (pass 1 greedy
//! left-to-right; pass 2 also sees pass 1's tags of the next two words), trained on
//! UD English EWT by [`crate::train`].

use std::path::Path;

use crate::TextError;
use crate::features::{
    Chars, END, END2, START, START2, TokInfo, context_features, normalise, tok_info, tok_infos,
    word_features,
};
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
    /// Tells this model's entries in the per-thread caches from another model's.
    id: u64,
}

/// A new [`Tagger::id`].
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Per pass, the summed weights of each word's [`word_features`] (they do not depend on the
/// neighbours), so that a word seen before costs only its context features. Keyed by the word's
/// form key and flags (which is all those features read); rows of the weight table's width.
/// Cleared when it holds [`WORD_ROWS_MAX`] words, so memory stays bounded (2,048 rows of 102
/// classes are 0.8 MB per pass and thread).
#[derive(Default)]
pub(crate) struct WordRows {
    index: rustc_hash::FxHashMap<(u64, u64), u32>,
    rows: Vec<i32>,
}

const WORD_ROWS_MAX: usize = 2048;

impl WordRows {
    fn clear(&mut self) {
        self.index.clear();
        self.rows.clear();
    }
}

#[derive(Default)]
pub(crate) struct Scratch {
    infos: Vec<TokInfo>,
    feats: Vec<u64>,
    cased: String,
    lower: String,
    buf: String,
    scores: Vec<i32>,
    margins: Vec<i32>,
    classes: Vec<u8>,
    first: Vec<u8>,
    /// Every word seen before, by its form as given (a lookup allocates nothing): an index into
    /// `entries`. Cleared, with `entries`, before a sentence that could take it past
    /// [`WORD_CACHE_MAX`] words, so memory stays bounded on any input.
    words: rustc_hash::FxHashMap<Box<str>, u32>,
    /// What is known of each word in `words`: its [`TokInfo`] (bar the
    /// [`FIRST`](crate::features::FIRST) flag), a dozen hashes and a lexicon lookup; and the
    /// lemmas worked out for it, by tag class (the suffix rules and lexicon checks cost more than
    /// a lookup).
    entries: Vec<WordEntry>,
    /// The sentence's words' indices in `entries`, from [`Tagger::tag_classes`].
    ids: Vec<u32>,
    /// Word rows for pass 1 and pass 2.
    word_rows: [WordRows; 2],
    /// The [`Tagger::id`] whose entries the caches hold.
    owner: u64,
}

impl Scratch {
    /// Empties the caches when they were filled by another model than `id`.
    fn claim(&mut self, id: u64) {
        if self.owner != id {
            self.owner = id;
            self.words.clear();
            self.entries.clear();
            self.word_rows.iter_mut().for_each(WordRows::clear);
        }
    }
}

/// One word of the per-thread cache (see `Scratch::entries`).
struct WordEntry {
    info: TokInfo,
    lemmas: Vec<(u8, Box<str>)>,
}

/// Words the per-thread word cache holds before it starts afresh (a few MB).
const WORD_CACHE_MAX: usize = 32_768;

thread_local! {
    /// Per-thread scratch buffers, so tagging a sentence allocates only its result.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
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
            id: next_id(),
        })
    }

    pub(crate) fn from_model(model: Model) -> Tagger {
        Tagger {
            model,
            id: next_id(),
        }
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

    /// Rules out the classes a token's characters exclude (see [`Chars`]), whatever the
    /// weights say: a token with no letter or digit is PUNCT, SYM, CCONJ, PART, ADP, X or
    /// NOUN (not "----==" as AUX); one with digits and no letter is NUM.
    fn restrict(&self, chars: Chars, scores: &mut [i32]) {
        let allowed = |u: Upos| match chars {
            Chars::Word => true,
            Chars::Symbols => matches!(
                u,
                Upos::PUNCT
                    | Upos::SYM
                    | Upos::CCONJ
                    | Upos::PART
                    | Upos::ADP
                    | Upos::X
                    | Upos::NOUN
            ),
            Chars::Number => u == Upos::NUM,
        };
        for (c, s) in self.model.classes.iter().zip(scores.iter_mut()) {
            if !allowed(c.upos) {
                *s = i32::MIN / 2;
            }
        }
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
        rows: &mut WordRows,
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
                    // The word's own features, summed once per word; then its context.
                    let width = w.nc.max(nc);
                    let key = (infos[i].word, infos[i].flags);
                    let at = match rows.index.get(&key) {
                        Some(&at) => at as usize,
                        None => {
                            if rows.index.len() >= WORD_ROWS_MAX {
                                rows.clear();
                            }
                            if rows.rows.capacity() == 0 {
                                // Room for every row at once: growing by doubling would
                                // hold up to twice the memory.
                                rows.rows.reserve_exact(WORD_ROWS_MAX * width);
                            }
                            let at = rows.rows.len();
                            rows.rows.resize(at + width, 0);
                            feats.clear();
                            word_features(&infos[i], feats);
                            w.score(feats, &mut rows.rows[at..at + width]);
                            rows.index.insert(key, at as u32);
                            at
                        }
                    };
                    scores.clear();
                    scores.extend_from_slice(&rows.rows[at..at + width]);
                    feats.clear();
                    context_features(infos, i, p1, p2, r, feats);
                    w.score(feats, scores);
                    if infos[i].chars != Chars::Word {
                        self.restrict(infos[i].chars, &mut scores[..nc]);
                    }
                    // Best class (first of equals) and the margin to the runner-up.
                    let sc = &scores[..nc];
                    let b1 = sc.iter().copied().max().unwrap_or(0);
                    let best = sc.iter().position(|&s| s == b1).unwrap_or(0);
                    let b2 = sc[..best]
                        .iter()
                        .chain(&sc[best + 1..])
                        .copied()
                        .max()
                        .unwrap_or(i32::MIN);
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
        s.claim(self.id);
        let Scratch {
            infos,
            words: cache,
            entries,
            ids,
            cased,
            lower,
            buf,
            ..
        } = &mut *s;
        // Room for the whole sentence, so that its words' indices stay valid until tag_with.
        if cache.len() + words.len() > WORD_CACHE_MAX {
            cache.clear();
            entries.clear();
        }
        let amb = &self.model.amb;
        let clusters = &self.model.clusters;
        ids.clear();
        tok_infos(words, infos, |w| {
            let id = match cache.get(w) {
                Some(&id) => id,
                None => {
                    let id = entries.len() as u32;
                    entries.push(WordEntry {
                        info: tok_info(w, amb, clusters, cased, lower, buf),
                        lemmas: Vec::new(),
                    });
                    cache.insert(w.into(), id);
                    id
                }
            };
            ids.push(id);
            entries[id as usize].info
        });
        let [rows1, rows2] = &mut s.word_rows;
        self.greedy(
            &self.model.pass1,
            &s.infos,
            None,
            &mut s.feats,
            &mut s.scores,
            out,
            &mut s.margins,
            rows1,
        );
        // Pass 2 re-tags only the words pass 1 was unsure of (margin below the model's).
        if let Some(p2) = &self.model.pass2 {
            let mut first = std::mem::take(&mut s.first);
            first.clear();
            first.extend_from_slice(out);
            self.greedy(
                p2,
                &s.infos,
                Some(&first),
                &mut s.feats,
                &mut s.scores,
                out,
                &mut s.margins,
                rows2,
            );
            s.first = first;
        }
    }

    /// Tags and lemmatizes a sentence given as words.
    pub fn tag(&self, words: &[&str]) -> Vec<Tagged> {
        SCRATCH.with_borrow_mut(|s| self.tag_with(words, s))
    }

    fn tag_with(&self, words: &[&str], s: &mut Scratch) -> Vec<Tagged> {
        let mut classes = std::mem::take(&mut s.classes);
        self.tag_classes(words, s, &mut classes);
        let out = words
            .iter()
            .zip(&classes)
            .zip(&s.ids)
            .map(|((w, &c), &id)| {
                let tc = self.model.classes[c as usize];
                let entry = &mut s.entries[id as usize];
                let lemma = match entry.lemmas.iter().find(|(k, _)| *k == c) {
                    Some((_, l)) => l.to_string(),
                    None => {
                        normalise(w, &mut s.cased, &mut s.lower);
                        let l =
                            self.model
                                .lemmatizer
                                .lemma(&s.cased, tc, &self.model.amb, &mut s.buf);
                        entry.lemmas.push((c, l.as_str().into()));
                        l
                    }
                };
                Tagged {
                    upos: tc.upos,
                    xpos: tc.xpos,
                    lemma,
                }
            })
            .collect();
        s.classes = classes;
        out
    }

    /// Tags only (no lemmas): the UPOS of each word.
    pub fn tag_upos(&self, words: &[&str]) -> Vec<Upos> {
        SCRATCH.with_borrow_mut(|s| {
            let mut classes = std::mem::take(&mut s.classes);
            self.tag_classes(words, s, &mut classes);
            let out = classes
                .iter()
                .map(|&c| self.model.classes[c as usize].upos)
                .collect();
            s.classes = classes;
            out
        })
    }

    /// The lemma of a word with the given tags.
    pub fn lemma(&self, word: &str, tag: TagClass) -> String {
        let (mut c, mut l, mut b) = (String::new(), String::new(), String::new());
        normalise(word, &mut c, &mut l);
        self.model
            .lemmatizer
            .lemma(&c, tag, &self.model.amb, &mut b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word cache stays bounded, and what is tagged from it equals what a fresh tagger gives.
    #[test]
    fn word_cache_is_bounded_and_changes_nothing() {
        let t = Tagger::embedded().expect("model");
        let sentence = [
            "Officials",
            "held",
            "talks",
            "in",
            "Islamabad",
            "on",
            "Wednesday",
            ".",
        ];
        let mut fresh = Scratch::default();
        let expected = t.tag_with(&sentence, &mut fresh);
        let mut s = Scratch::default();
        assert_eq!(t.tag_with(&sentence, &mut s), expected);
        // Enough distinct words to fill the cache twice over, a thousand to a sentence.
        let made: Vec<String> = (0..2 * WORD_CACHE_MAX).map(|i| format!("w{i}x")).collect();
        for chunk in made.chunks(1000) {
            let words: Vec<&str> = chunk.iter().map(String::as_str).collect();
            t.tag_with(&words, &mut s);
            assert!(s.words.len() <= WORD_CACHE_MAX && s.entries.len() == s.words.len());
        }
        assert_eq!(t.tag_with(&sentence, &mut s), expected);
        // And with the sentence's words cached from the run just before.
        assert_eq!(t.tag_with(&sentence, &mut s), expected);
    }
}
