//! Lookup of dictionary phrases in a sentence: which actor, agent, noun, adjective or verb phrases
//! start at a token, longest first.
//!
//! A dictionary word matches a text word as a stem (prefix) unless it is exact; an exact word still
//! matches the regular endings S, ES, 'S, ED, D, EN, ING (with a doubled final consonant or a
//! dropped final E) unless it is marked `=`. Lookups go through two hash maps keyed by the first
//! word: exact words by the text word's possible bases, stems by the text word's prefixes.

use std::collections::HashMap;

use crate::dict::Word;

/// Does dictionary word `w` match the upper-cased text word `tok`?
pub fn word_matches(w: &Word, tok: &str) -> bool {
    if !w.exact {
        return tok.starts_with(w.text.as_str());
    }
    if tok == w.text {
        return true;
    }
    !w.no_endings && bases(tok).iter().any(|b| b == &w.text)
}

/// The words `tok` may be a regular inflection of (not including `tok` itself).
pub fn bases(tok: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |s: &str| {
        if s.len() >= 2 && s != tok && !out.iter().any(|o: &String| o == s) {
            out.push(s.to_string());
        }
    };
    for suf in ["'S", "S'", "S", "ES", "ED", "D", "EN", "ING", "N"] {
        if let Some(b) = tok.strip_suffix(suf) {
            push(b);
            if matches!(suf, "ED" | "ING" | "EN") {
                push(&format!("{b}E"));
                let bb = b.as_bytes();
                if bb.len() >= 3 && bb[bb.len() - 1] == bb[bb.len() - 2] {
                    push(&b[..b.len() - 1]);
                }
            }
            if suf == "ES" || suf == "ED" {
                if let Some(y) = b.strip_suffix('I') {
                    push(&format!("{y}Y"));
                }
            }
        }
    }
    out
}

/// A phrase index: first word → (phrase, payload), longest phrases first.
#[derive(Debug)]
pub struct PhraseIndex<T> {
    exact: HashMap<String, Vec<(Vec<Word>, T)>>,
    stems: HashMap<String, Vec<(Vec<Word>, T)>>,
    longest_stem: usize,
}

impl<T: Clone> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            exact: HashMap::new(),
            stems: HashMap::new(),
            longest_stem: 0,
        }
    }
}

impl<T: Clone> PhraseIndex<T> {
    pub fn insert(&mut self, phrase: Vec<Word>, payload: T) {
        let Some(first) = phrase.first() else { return };
        let key = first.text.clone();
        if first.exact {
            self.exact.entry(key).or_default().push((phrase, payload));
        } else {
            self.longest_stem = self.longest_stem.max(key.len());
            self.stems.entry(key).or_default().push((phrase, payload));
        }
    }

    /// Sorts each bucket longest phrase first (by words, then characters).
    pub fn finish(&mut self) {
        let key = |p: &(Vec<Word>, T)| {
            (
                std::cmp::Reverse(p.0.len()),
                std::cmp::Reverse(p.0.iter().map(|w| w.text.len()).sum::<usize>()),
            )
        };
        for v in self.exact.values_mut().chain(self.stems.values_mut()) {
            v.sort_by_key(key);
        }
    }

    pub fn len(&self) -> usize {
        self.exact.values().map(Vec::len).sum::<usize>()
            + self.stems.values().map(Vec::len).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every phrase matching the tokens from `i`, as (number of tokens, payload), longest first.
    pub fn matches_at(&self, toks: &[&str], i: usize) -> Vec<(usize, T)> {
        let Some(first) = toks.get(i) else {
            return Vec::new();
        };
        let mut out: Vec<(usize, usize, T)> = Vec::new();
        let mut consider = |bucket: &Vec<(Vec<Word>, T)>| {
            for (phrase, payload) in bucket {
                if phrase.len() + i > toks.len() {
                    continue;
                }
                if phrase
                    .iter()
                    .zip(&toks[i..])
                    .all(|(w, t)| word_matches(w, t))
                {
                    let chars = phrase.iter().map(|w| w.text.len()).sum();
                    out.push((phrase.len(), chars, payload.clone()));
                }
            }
        };
        if let Some(b) = self.exact.get(*first) {
            consider(b);
        }
        for base in bases(first) {
            if let Some(b) = self.exact.get(&base) {
                consider(b);
            }
        }
        let mut end = first.len().min(self.longest_stem);
        while end >= 1 {
            if first.is_char_boundary(end)
                && let Some(b) = self.stems.get(&first[..end])
            {
                consider(b);
            }
            end -= 1;
        }
        out.sort_by_key(|(n, c, _)| (std::cmp::Reverse(*n), std::cmp::Reverse(*c)));
        out.into_iter().map(|(n, _, p)| (n, p)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::syntax::parse_phrase;

    #[test]
    fn stems_and_endings() {
        let p = |s: &str| parse_phrase(s).expect("phrase");
        assert!(word_matches(&p("SYRI")[0], "SYRIAN"));
        assert!(!word_matches(&p("SYRI")[0], "SYRACUSE"));
        assert!(word_matches(&p("FORCE_")[0], "FORCES"));
        assert!(!word_matches(&p("OF_")[0], "OFFER"));
        assert!(word_matches(&p("STOP_")[0], "STOPPED"));
        assert!(word_matches(&p("ACCUSE_")[0], "ACCUSED"));
        assert!(word_matches(&p("ARNOR_")[0], "ARNOR'S"));
        assert!(!word_matches(&p("ARNOR=")[0], "ARNORS"));
        let mut ix = PhraseIndex::default();
        ix.insert(p("NEW_YORK"), 1);
        ix.insert(p("NEW"), 2);
        ix.insert(p("NEW_YORK_TIMES"), 3);
        ix.finish();
        let toks = ["NEW", "YORK", "TIMES", "SAID"];
        assert_eq!(ix.matches_at(&toks, 0), vec![(3, 3), (2, 1), (1, 2)]);
        assert!(ix.matches_at(&toks, 3).is_empty());
    }
}
