//! Lookup of dictionary phrases in a sentence: which actor, agent, noun, adjective or verb phrases
//! start at a token, longest first.
//!
//! A dictionary word matches a text word as a stem (prefix) unless it is exact; an exact word still
//! matches the regular endings S, ES, 'S, ED, D, EN, ING (with a doubled final consonant or a
//! dropped final E) unless it is marked `=`. Lookups go through two hash maps keyed by the first
//! word: exact words by the text word's possible bases, stems by the text word's prefixes.

use rustc_hash::FxHashMap as HashMap;

use crate::dict::Word;

/// Does dictionary word `w` match the upper-cased text word `tok`?
pub fn word_matches(w: &Word, tok: &str) -> bool {
    if !w.exact {
        return tok.starts_with(w.text.as_str());
    }
    if tok == w.text {
        return true;
    }
    !w.no_endings && is_inflection(tok, &w.text)
}

/// Is `tok` a regular inflection of `base` (the endings [`bases`] strips)? Allocation-free: this
/// runs for every pattern word against every candidate token.
pub fn is_inflection(tok: &str, base: &str) -> bool {
    const ENDINGS: [&str; 9] = ["'S", "S'", "S", "ES", "ED", "D", "EN", "ING", "N"];
    if base.len() < 2 || tok.len() < 2 || tok.as_bytes()[..2] != base.as_bytes()[..2] {
        return false;
    }
    if let Some(rest) = tok.strip_prefix(base)
        && ENDINGS.contains(&rest)
    {
        return true;
    }
    // A dropped final E (MOVE → MOVING, MOVED) or a doubled final consonant (STOP → STOPPED).
    for suf in ["ED", "ING", "EN"] {
        let Some(stem) = tok.strip_suffix(suf) else {
            continue;
        };
        if let Some(b) = base.strip_suffix('E')
            && stem == b
        {
            return true;
        }
        let sb = stem.as_bytes();
        if sb.len() >= 3 && sb[sb.len() - 1] == sb[sb.len() - 2] && &stem[..stem.len() - 1] == base
        {
            return true;
        }
    }
    // Y → IES, IED (CITY → CITIES, CARRY → CARRIED).
    if let Some(b) = base.strip_suffix('Y') {
        for suf in ["IES", "IED"] {
            if tok.strip_suffix(suf) == Some(b) {
                return true;
            }
        }
    }
    false
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
            if (suf == "ES" || suf == "ED")
                && let Some(y) = b.strip_suffix('I')
            {
                push(&format!("{y}Y"));
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
    /// TABARI: words joined by a blank (not `_` or `~`) may have other words between them, up to
    /// the next comma.
    pub gaps: bool,
    /// The possessive endings ('S, S') may end an exact first word (false for TABARI verbs, whose
    /// regular endings are S, ED, ES, EN and ING only).
    pub possessive: bool,
    /// ES ends an exact first word only after S, X, Z, CH, SH or O (PETRARCH's verbs: `departes`
    /// is not DEPART).
    pub strict_es: bool,
    /// Names (actors, agents): an exact first word takes only the plural and possessive endings,
    /// not a verb's: PLA is not "plan", CONVICT not "convicted".
    pub names: bool,
    /// The distinct lengths of stem keys, longest first: only these prefixes are looked up.
    stem_lens: Vec<usize>,
    /// Bitmap of the first two bytes of every key (65,536 bits), and of one-byte keys: a token whose
    /// start is in neither cannot match, which rejects most tokens before any lookup.
    pre2: Vec<u64>,
    pre1: [bool; 256],
}

fn pre2_bit(a: u8, b: u8) -> usize {
    ((a as usize) << 8) | b as usize
}

impl<T: Clone> Default for PhraseIndex<T> {
    fn default() -> Self {
        PhraseIndex {
            exact: HashMap::default(),
            stems: HashMap::default(),
            gaps: false,
            possessive: true,
            strict_es: false,
            names: false,
            stem_lens: Vec::new(),
            pre2: vec![0; 1024],
            pre1: [false; 256],
        }
    }
}

impl<T: Clone> PhraseIndex<T> {
    pub fn insert(&mut self, phrase: Vec<Word>, payload: T) {
        let Some(first) = phrase.first() else { return };
        let key = first.text.clone();
        match key.as_bytes() {
            [a, b, ..] => {
                let bit = pre2_bit(*a, *b);
                self.pre2[bit / 64] |= 1 << (bit % 64);
            }
            [a] => self.pre1[*a as usize] = true,
            [] => {}
        }
        if first.exact {
            self.exact.entry(key).or_default().push((phrase, payload));
        } else {
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
        let mut lens: Vec<usize> = self.stems.keys().map(String::len).collect();
        lens.sort_unstable_by(|a, b| b.cmp(a));
        lens.dedup();
        self.stem_lens = lens;
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
        if let Some(tok) = toks.get(i) {
            let b = tok.as_bytes();
            let possible = match b {
                [a, c, ..] => {
                    let bit = pre2_bit(*a, *c);
                    self.pre2[bit / 64] & (1 << (bit % 64)) != 0 || self.pre1[*a as usize]
                }
                // A one-byte token can only equal or extend a one-byte key.
                [a] => self.pre1[*a as usize],
                [] => false,
            };
            if !possible {
                return Vec::new();
            }
        }
        let Some(first) = toks.get(i) else {
            return Vec::new();
        };
        let mut out: Vec<(usize, usize, usize, T)> = Vec::new();
        let mut consider = |bucket: &Vec<(Vec<Word>, T)>| {
            for (phrase, payload) in bucket {
                if phrase.len() + i > toks.len() {
                    continue;
                }
                if self.strict_es
                    && let Some(w) = phrase.first()
                    && w.exact
                    && first.len() == w.text.len() + 2
                    && first.starts_with(w.text.as_str())
                    && first.ends_with("ES")
                    && !["S", "X", "Z", "CH", "SH", "O"]
                        .iter()
                        .any(|e| w.text.ends_with(e))
                {
                    continue;
                }
                if self.names
                    && let Some(w) = phrase.first()
                    && w.exact
                    && *first != w.text
                    && first
                        .strip_prefix(w.text.as_str())
                        .is_none_or(|end| !matches!(end, "S" | "'S" | "S'"))
                {
                    continue;
                }
                if let Some(span) = phrase_span(phrase, toks, i, self.gaps) {
                    let chars = phrase.iter().map(|w| w.text.len()).sum();
                    out.push((span, phrase.len(), chars, payload.clone()));
                }
            }
        };
        if let Some(b) = self.exact.get(*first) {
            consider(b);
        }
        if self.possessive || !(first.ends_with("'S") || first.ends_with("S'")) {
            for base in bases(first) {
                if let Some(b) = self.exact.get(&base) {
                    consider(b);
                }
            }
        }
        for &end in &self.stem_lens {
            if end <= first.len()
                && first.is_char_boundary(end)
                && let Some(b) = self.stems.get(&first[..end])
            {
                consider(b);
            }
        }
        out.sort_by_key(|(_, n, c, _)| (std::cmp::Reverse(*n), std::cmp::Reverse(*c)));
        out.into_iter().map(|(span, _, _, p)| (span, p)).collect()
    }
}

/// The number of tokens `phrase` covers from `i`, if it matches there. With `gaps`, a word not
/// joined to the next by `_`/`~` lets the next word come later (the first match, before a comma).
fn phrase_span(phrase: &[Word], toks: &[&str], i: usize, gaps: bool) -> Option<usize> {
    let (first, rest) = phrase.split_first()?;
    if !word_matches(first, toks.get(i)?) {
        return None;
    }
    let mut pos = i + 1;
    let mut prev_adjacent = first.adjacent;
    for w in rest {
        if !gaps || prev_adjacent {
            if !word_matches(w, toks.get(pos)?) {
                return None;
            }
        } else {
            loop {
                let t = toks.get(pos)?;
                if word_matches(w, t) {
                    break;
                }
                if matches!(*t, "," | ";" | "." | ":") {
                    return None;
                }
                pos += 1;
            }
        }
        pos += 1;
        prev_adjacent = w.adjacent;
    }
    Some(pos - i)
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
        assert!(word_matches(&p("MOVE_")[0], "MOVING"));
        assert!(word_matches(&p("CITY_")[0], "CITIES"));
        assert!(!word_matches(&p("MOVE_")[0], "MOVIES"));
        for tok in [
            "ACCUSES", "ACCUSED", "STOPPED", "STOPPING", "HELD", "TALKS", "CARRIED",
        ] {
            for b in bases(tok) {
                assert!(is_inflection(tok, &b), "{tok} of {b}");
            }
        }
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
