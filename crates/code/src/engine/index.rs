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

/// The regular endings, in the order [`bases`] strips them.
const ENDINGS: [&str; 9] = ["'S", "S'", "S", "ES", "ED", "D", "EN", "ING", "N"];

/// Is `tok` a regular inflection of `base` (the endings [`bases`] strips)? Allocation-free: this
/// runs for every pattern word against every candidate token.
pub fn is_inflection(tok: &str, base: &str) -> bool {
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

/// The words `tok` may be a regular inflection of (not including `tok` itself), each once: the
/// list [`for_each_base`] walks, for tests.
#[cfg(test)]
pub fn bases(tok: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for_each_base(tok, |b| {
        if !out.iter().any(|o| o == b) {
            out.push(b.to_string());
        }
    });
    out
}

/// Calls `f` with each word `tok` may be a regular inflection of (not `tok` itself), in the order
/// [`bases`] lists them; a base reached by two endings ("STOPPE" from -D and -ED) comes twice.
/// Allocation-free: every dictionary lookup of every token runs this.
pub fn for_each_base(tok: &str, mut f: impl FnMut(&str)) {
    let b = tok.as_bytes();
    let mut buf = [0u8; 64];
    let mut with = |k: usize, extra: u8, f: &mut dyn FnMut(&str)| {
        if k + 1 < 2 {
            return;
        }
        if k < buf.len() {
            buf[..k].copy_from_slice(&b[..k]);
            buf[k] = extra;
            if let Ok(s) = std::str::from_utf8(&buf[..=k]) {
                f(s);
            }
        } else {
            let mut s = tok[..k].to_string();
            s.push(extra as char);
            f(&s);
        }
    };
    // The endings, tested on the last bytes (not `strip_suffix`: nine short `memcmp` calls per
    // token and index cost more than the lookups). The last byte picks the few that can apply, in
    // the order [`bases`] tries them: 'S, S', S, ES, ED, D, EN, ING, N.
    let n = b.len();
    let last = |k: usize| if k <= n { b[n - k] } else { 0 };
    let (z, y, x) = (last(1), last(2), last(3));
    let mut endings: [(usize, Ending); 3] = [(0, Ending::Plain); 3];
    let mut m = 0;
    let mut add = |hit: bool, len: usize, kind: Ending| {
        if hit && len <= n {
            endings[m] = (len, kind);
            m += 1;
        }
    };
    match z {
        b'S' => {
            add(y == b'\'', 2, Ending::Plain);
            add(true, 1, Ending::Plain);
            add(y == b'E', 2, Ending::Es);
        }
        b'\'' => add(y == b'S', 2, Ending::Plain),
        b'D' => {
            add(y == b'E', 2, Ending::Ed);
            add(true, 1, Ending::Plain);
        }
        b'N' => {
            add(y == b'E', 2, Ending::Verb);
            add(true, 1, Ending::Plain);
        }
        b'G' => add(x == b'I' && y == b'N', 3, Ending::Verb),
        _ => return,
    }
    for &(len, kind) in &endings[..m] {
        let k = n - len;
        if k >= 2 {
            f(&tok[..k]);
        }
        if matches!(kind, Ending::Ed | Ending::Verb) {
            with(k, b'E', &mut f);
            if k >= 3 && b[k - 1] == b[k - 2] && tok.is_char_boundary(k - 1) {
                f(&tok[..k - 1]);
            }
        }
        if matches!(kind, Ending::Es | Ending::Ed) && k >= 1 && b[k - 1] == b'I' {
            with(k - 1, b'Y', &mut f);
        }
    }
}

/// What an ending allows besides stripping it: -ED, -ING and -EN may have dropped a final E or
/// doubled a consonant; -ES and -ED may have turned a Y into I.
#[derive(Clone, Copy)]
enum Ending {
    Plain,
    Es,
    Ed,
    Verb,
}

/// Hash of a dictionary or text word for [`WordFilter`] (FNV-1a, so a word's prefixes hash on the
/// way through it).
pub fn word_hash(s: &str) -> u64 {
    s.bytes().fold(FNV_START, fnv)
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// log2 of a [`WordFilter`]'s number of bits.
const FILTER_BITS: u32 = 13;

/// Which dictionary words can match some word of a sentence: a one-hash Bloom filter (8,192 bits)
/// over every word, its [`bases`] and its prefixes, so a word that is not in it matches no word
/// by [`word_matches`], exact or stem. A verb's patterns are checked against it before their words
/// are searched for: most patterns of a common verb name words the sentence does not have.
pub struct WordFilter {
    bits: [u64; 1 << (FILTER_BITS - 6)],
}

impl WordFilter {
    pub fn new(words: &[&str]) -> WordFilter {
        let mut f = WordFilter {
            bits: [0; 1 << (FILTER_BITS - 6)],
        };
        if !words.is_empty() {
            // An empty stem matches any word.
            f.set(FNV_START);
        }
        let mut hs = [0u64; 65];
        for w in words {
            // The word and its prefixes (at character boundaries), hashed in one pass. The bases
            // that are prefixes of the word are among them; the others add a final E or Y.
            let b = w.as_bytes();
            if b.len() >= hs.len() {
                for_each_base(w, |base| f.set(word_hash(base)));
            }
            let mut h = FNV_START;
            for (k, &c) in b.iter().enumerate() {
                h = fnv(h, c);
                if let Some(slot) = hs.get_mut(k + 1) {
                    *slot = h;
                }
                if b.get(k + 1).is_none_or(|&n| (n as i8) >= -0x40) {
                    f.set(h);
                }
            }
            if b.len() < hs.len() {
                for suf in ["ED", "ING", "EN", "ES"] {
                    if let Some(stem) = w.strip_suffix(suf) {
                        let k = stem.len();
                        if suf != "ES" {
                            f.set(fnv(hs[k], b'E'));
                        }
                        if matches!(suf, "ES" | "ED") && stem.ends_with('I') {
                            f.set(fnv(hs[k - 1], b'Y'));
                        }
                    }
                }
            }
        }
        f
    }

    fn bit(h: u64) -> (usize, u64) {
        key_bit(h, FILTER_BITS)
    }

    fn set(&mut self, h: u64) {
        let (i, b) = Self::bit(h);
        self.bits[i] |= b;
    }

    /// False if no word of the sentence can match a dictionary word of this [`word_hash`].
    pub fn may_have(&self, h: u64) -> bool {
        let (i, b) = Self::bit(h);
        self.bits[i] & b != 0
    }
}

/// One phrase of a bucket: its words, its payload, and the first two bytes of the word that must
/// come right after the first one ([`NEXT_ANY`] when none must: a one-word phrase, a gap allowed,
/// a one-byte word).
type Entry<T> = (Vec<Word>, T, u32);

/// No constraint on the next token (see [`Entry`]).
const NEXT_ANY: u32 = u32::MAX;

/// The first two bytes of a word as a number.
fn two_bytes(s: &str) -> Option<u32> {
    match s.as_bytes() {
        [a, b, ..] => Some(u32::from(*a) << 8 | u32::from(*b)),
        _ => None,
    }
}

/// A phrase index: first word → (phrase, payload), longest phrases first.
#[derive(Debug)]
pub struct PhraseIndex<T> {
    exact: HashMap<String, Vec<Entry<T>>>,
    stems: HashMap<String, Vec<Entry<T>>>,
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
    /// A one-hash Bloom filter of every key's [`word_hash`], built by [`PhraseIndex::finish`]
    /// (about 16 bits a key): a text word, base or prefix whose bit is clear is no key, and its
    /// map lookup is skipped. Empty (everything passes) until then.
    keys: Vec<u64>,
    /// log2 of the filter's number of bits.
    key_bits: u32,
}

/// Word and bit of hash `h` in a filter of 2^`bits` bits (`bits` ≥ 6).
#[inline]
fn key_bit(h: u64, bits: u32) -> (usize, u64) {
    let m = (h ^ (h >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits);
    ((m >> 6) as usize, 1 << (m & 63))
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
            keys: Vec::new(),
            key_bits: 6,
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
        if !self.keys.is_empty() {
            // Inserted after `finish`: the filter must still pass the key.
            let (k, bit) = key_bit(word_hash(&key), self.key_bits);
            self.keys[k] |= bit;
        }
        if first.exact {
            self.exact
                .entry(key)
                .or_default()
                .push((phrase, payload, NEXT_ANY));
        } else {
            self.stems
                .entry(key)
                .or_default()
                .push((phrase, payload, NEXT_ANY));
        }
    }

    /// Sorts each bucket longest phrase first (by words, then characters).
    pub fn finish(&mut self) {
        let key = |p: &Entry<T>| {
            (
                std::cmp::Reverse(p.0.len()),
                std::cmp::Reverse(p.0.iter().map(|w| w.text.len()).sum::<usize>()),
            )
        };
        let gaps = self.gaps;
        for v in self.exact.values_mut().chain(self.stems.values_mut()) {
            v.sort_by_key(key);
            // Whether exact or a stem, a word of two bytes or more matches only a token that
            // starts with its first two bytes (see `word_matches`).
            for (phrase, _, next) in v.iter_mut() {
                *next = match phrase.as_slice() {
                    [first, second, ..] if !gaps || first.adjacent => {
                        two_bytes(&second.text).unwrap_or(NEXT_ANY)
                    }
                    _ => NEXT_ANY,
                };
            }
        }
        let n = self.exact.len() + self.stems.len();
        self.key_bits = (n * 16).next_power_of_two().trailing_zeros().max(6);
        self.keys = vec![0; 1 << (self.key_bits - 6)];
        for key in self.exact.keys().chain(self.stems.keys()) {
            let (k, bit) = key_bit(word_hash(key), self.key_bits);
            self.keys[k] |= bit;
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

    /// Every phrase matching the tokens from `i`, as (number of tokens, payload), longest first
    /// (the order [`PhraseIndex::best_at`] chooses by; for tests).
    #[cfg(test)]
    pub fn matches_at(&self, toks: &[&str], i: usize) -> Vec<(usize, T)> {
        let mut out: Vec<(usize, usize, usize, T)> = Vec::new();
        self.each_match(toks, i, |span, words, chars, payload| {
            out.push((span, words, chars, payload.clone()));
            true
        });
        out.sort_by_key(|(_, n, c, _)| (std::cmp::Reverse(*n), std::cmp::Reverse(*c)));
        out.into_iter().map(|(span, _, _, p)| (span, p)).collect()
    }

    /// The longest phrase matching the tokens from `i` (most words, then most characters; the
    /// first of equals), as (number of tokens, payload).
    pub fn best_at(&self, toks: &[&str], i: usize) -> Option<(usize, T)> {
        let mut best: Option<(usize, usize, usize, &T)> = None;
        self.each_match(toks, i, |span, words, chars, payload| {
            if best.is_none_or(|(_, n, c, _)| (words, chars) > (n, c)) {
                best = Some((span, words, chars, payload));
            }
            // The rest of the bucket is no longer.
            false
        });
        best.map(|(span, _, _, p)| (span, p.clone()))
    }

    /// Does any phrase match the tokens from `i`?
    pub fn any_at(&self, toks: &[&str], i: usize) -> bool {
        let mut any = false;
        self.each_match(toks, i, |_, _, _, _| {
            any = true;
            false
        });
        any
    }

    /// Calls `f(tokens covered, words, characters, payload)` for every phrase matching the tokens
    /// from `i`, in bucket order (exact first word, its bases, then stems longest first); each
    /// bucket is sorted longest first, and `f` returning false skips the rest of the bucket.
    fn each_match<'a>(
        &'a self,
        toks: &[&str],
        i: usize,
        mut f: impl FnMut(usize, usize, usize, &'a T) -> bool,
    ) {
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
                return;
            }
        }
        let Some(first) = toks.get(i) else {
            return;
        };
        let next = toks
            .get(i + 1)
            .and_then(|t| two_bytes(t))
            .unwrap_or(NEXT_ANY);
        let mut consider = |bucket: &'a Vec<Entry<T>>| {
            for (phrase, payload, need) in bucket {
                if phrase.len() + i > toks.len() || (*need != NEXT_ANY && *need != next) {
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
                    if !f(span, phrase.len(), chars, payload) {
                        return;
                    }
                }
            }
        };
        // The hashes of the word's prefixes (`prefix[k]` of its first k bytes), for the filter.
        let fb = first.as_bytes();
        let mut prefix = [FNV_START; 65];
        for (k, &c) in fb.iter().take(64).enumerate() {
            prefix[k + 1] = fnv(prefix[k], c);
        }
        let hash_of = |k: usize| {
            prefix
                .get(k)
                .copied()
                .unwrap_or_else(|| word_hash(&first[..k]))
        };
        let may_be_key = |h: u64| {
            let (k, bit) = key_bit(h, self.key_bits);
            self.keys.get(k).is_none_or(|w| w & bit != 0)
        };
        if may_be_key(hash_of(fb.len()))
            && let Some(b) = self.exact.get(*first)
        {
            consider(b);
        }
        if self.possessive || !(first.ends_with("'S") || first.ends_with("S'")) {
            for_each_base(first, |base| {
                if may_be_key(word_hash(base))
                    && let Some(b) = self.exact.get(base)
                {
                    consider(b);
                }
            });
        }
        for &end in &self.stem_lens {
            if end <= first.len()
                && first.is_char_boundary(end)
                && may_be_key(hash_of(end))
                && let Some(b) = self.stems.get(&first[..end])
            {
                consider(b);
            }
        }
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

    /// `bases` against a plain reading of its rule: each ending in order ('S, S', S, ES, ED, D,
    /// EN, ING, N), the stem, then a dropped E or doubled consonant (-ED, -ING, -EN) and a Y turned
    /// into I (-ES, -ED).
    #[test]
    fn bases_follow_the_endings_in_order() {
        let reference = |tok: &str| {
            let mut out: Vec<String> = Vec::new();
            let mut push = |s: String| {
                if !out.contains(&s) {
                    out.push(s);
                }
            };
            for suf in ENDINGS {
                let Some(stem) = tok.strip_suffix(suf) else {
                    continue;
                };
                let k = stem.len();
                if k >= 2 {
                    push(stem.to_string());
                }
                if matches!(suf, "ED" | "ING" | "EN") {
                    if k >= 1 {
                        push(format!("{stem}E"));
                    }
                    let b = stem.as_bytes();
                    if k >= 3 && b[k - 1] == b[k - 2] {
                        push(stem[..k - 1].to_string());
                    }
                }
                if matches!(suf, "ES" | "ED") && k >= 2 && stem.ends_with('I') {
                    push(format!("{}Y", &stem[..k - 1]));
                }
            }
            out
        };
        for tok in [
            "STOPPED", "STOPPING", "CITIES", "CARRIED", "TAKEN", "ARNOR'S", "PARENTS'", "MOVES",
            "SEEN", "RUNS", "GOES", "BIG", "S", "ED", "DIED", "LYING", "IS", "AN", "ING", "BUSES",
        ] {
            assert_eq!(bases(tok), reference(tok), "{tok}");
        }
    }

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
        // The filter keeps every word that can match: exact words through their bases, stems
        // through prefixes.
        let sent = [
            "GONDOR", "ACCUSES", "ÉOMER'S", "STOPPED", "CITIES", "MOVING",
        ];
        let f = WordFilter::new(&sent);
        for w in [
            "ACCUSE_", "GOND", "ÉOM", "ÉOMER_", "STOP_", "CITY_", "GONDOR_", "ACCUS", "MOVE_",
        ] {
            let w = &p(w)[0];
            assert!(sent.iter().any(|t| word_matches(w, t)), "{}", w.text);
            assert!(f.may_have(word_hash(&w.text)), "{}", w.text);
        }
        let misses = [
            "ARNOR", "MORDOR", "ROHAN", "SHIRE", "ISENGARD", "ANGMAR", "HARAD", "RHUN",
        ];
        assert!(misses.iter().filter(|w| f.may_have(word_hash(w))).count() <= 1);
        let mut ix = PhraseIndex::default();
        ix.insert(p("NEW_YORK"), 1);
        ix.insert(p("NEW"), 2);
        ix.insert(p("NEW_YORK_TIMES"), 3);
        ix.finish();
        let toks = ["NEW", "YORK", "TIMES", "SAID"];
        assert_eq!(ix.matches_at(&toks, 0), vec![(3, 3), (2, 1), (1, 2)]);
        assert!(ix.matches_at(&toks, 3).is_empty());
    }

    /// The key filter lets every key through (exact words, their inflections, stems), before and
    /// after `finish`, and lookups still find keys inserted after it.
    #[test]
    fn key_filter_passes_every_key() {
        let p = |s: &str| parse_phrase(s).expect("phrase");
        let mut ix = PhraseIndex::default();
        let words: Vec<String> = (0..3000).map(|k| format!("W{k}X_")).collect();
        for (k, w) in words.iter().enumerate() {
            ix.insert(p(w), k);
        }
        ix.insert(p("SYRI"), 9000);
        assert_eq!(ix.best_at(&["W17X"], 0), Some((1, 17)));
        ix.finish();
        for (k, w) in words.iter().enumerate() {
            let tok = w.trim_end_matches('_');
            assert_eq!(ix.best_at(&[tok], 0), Some((1, k)), "{tok}");
            assert_eq!(ix.best_at(&[&format!("{tok}S")], 0), Some((1, k)), "{tok}S");
        }
        assert_eq!(ix.best_at(&["SYRIAN"], 0), Some((1, 9000)));
        assert_eq!(ix.best_at(&["W3000X"], 0), None);
        ix.insert(p("GONDOR_"), 9001);
        assert_eq!(ix.best_at(&["GONDOR'S"], 0), Some((1, 9001)));
    }
}
