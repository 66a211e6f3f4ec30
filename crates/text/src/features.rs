//! Feature extraction for the part-of-speech tagger. Every feature is a 64-bit hash of a
//! template id and its values; nothing is allocated per feature.

use crate::hash::{finish, hash_bytes, mix};
use crate::lexicon::{AMB_MASK, lex_bits};
use rustc_hash::FxHashMap;

/// Class sentinels used in tag-history features.
pub(crate) const START: u8 = 254;
pub(crate) const START2: u8 = 253;
pub(crate) const END: u8 = 252;
pub(crate) const END2: u8 = 251;

const BOS: u64 = 0x0b05_0b05_0b05_0b05;
const BOS2: u64 = 0x0b05_0b05_0b05_0b06;
const EOS: u64 = 0x0e05_0e05_0e05_0e05;
const EOS2: u64 = 0x0e05_0e05_0e05_0e06;

/// A token's character class, which limits its part of speech when tagging (see
/// `Tagger::restrict`): in EWT's training file, tokens with no letter or digit are PUNCT,
/// SYM, CCONJ (`&`), PART (`'`), ADP (`@`), X or NOUN (`'`, `"`) but for 1 of 24,493, and
/// tokens with digits and no letter are NUM but for 10 of 3,202.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Chars {
    #[default]
    Word,
    /// No letter and no digit.
    Symbols,
    /// Digits and no letter.
    Number,
}

/// Everything about one token that does not depend on predicted tags.
#[derive(Clone, Copy, Default)]
pub(crate) struct TokInfo {
    /// Hash of the normalised form (case kept): the tag-dictionary key.
    pub word: u64,
    /// Hash of the lowercased normalised form: the ambiguity-class key.
    pub lower: u64,
    pub pre: [u64; 4],
    pub suf: [u64; 5],
    pub shape: u64,
    pub flags: u64,
    /// Ambiguity class (bit mask over UPOS seen with the word in training; 0 = unknown).
    pub amb: u64,
    /// Lexicon bits above the ambiguity class (WordNet, capitalisation seen in training).
    pub wn: u64,
    /// What the token's characters allow it to be (see [`Chars`]).
    pub chars: Chars,
    /// The Brown cluster of a word unseen in training (bit path reversed into an integer, as
    /// spaCy stores it; 0 = none or a word seen in training), see
    /// [`crate::lexicon::load_clusters`].
    pub cluster: u32,
}

/// Normalises a token for the model: curly quotes and apostrophes become straight ones.
/// Writes the cased form to `cased` and the lowercased one to `lower`.
pub(crate) fn normalise(form: &str, cased: &mut String, lower: &mut String) {
    cased.clear();
    lower.clear();
    if form.is_ascii() {
        cased.push_str(form);
        lower.push_str(form);
        lower.make_ascii_lowercase();
        return;
    }
    for c in form.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        };
        cased.push(c);
        for l in c.to_lowercase() {
            lower.push(l);
        }
    }
}

/// Hash of the word's lowercased, normalised form (lexicon key).
pub(crate) fn lower_key(lower: &str) -> u64 {
    finish(hash_bytes(0x1111, lower.as_bytes()))
}

/// Hash of the cased, normalised form (tag-dictionary key).
pub(crate) fn word_key(cased: &str) -> u64 {
    finish(hash_bytes(0x2222, cased.as_bytes()))
}

/// Flag bit of [`TokInfo::flags`]: the token opens the sentence.
pub(crate) const FIRST: u64 = 1 << 6;

/// The static per-token information of a sentence: `info` of each word, with [`FIRST`] set on
/// the first (training computes each; the tagger keeps them in a cache).
pub(crate) fn tok_infos(
    words: &[&str],
    out: &mut Vec<TokInfo>,
    mut info: impl FnMut(&str) -> TokInfo,
) {
    out.clear();
    for (i, w) in words.iter().enumerate() {
        let mut t = info(w);
        if i == 0 {
            t.flags |= FIRST;
        }
        out.push(t);
    }
}

/// The static information of one token, as if it were not the first of its sentence (the
/// caller sets [`FIRST`]).
pub(crate) fn tok_info(
    w: &str,
    amb: &FxHashMap<u64, u32>,
    clusters: &FxHashMap<u64, u32>,
    cased: &mut String,
    lower: &mut String,
    buf: &mut String,
) -> TokInfo {
    normalise(w, cased, lower);
    let mut t = TokInfo {
        word: word_key(cased),
        lower: lower_key(lower),
        ..TokInfo::default()
    };
    let lb = lower.as_bytes();
    // Char boundaries from the end and from the start (up to 5 / 4 chars).
    let mut n_chars = 0usize;
    for (k, (idx, _)) in lower.char_indices().rev().take(5).enumerate() {
        t.suf[k] = hash_bytes(0x5000 + k as u64, &lb[idx..]);
        n_chars = k + 1;
    }
    for k in n_chars..5 {
        t.suf[k] = t.suf[n_chars.saturating_sub(1)] ^ 0x77;
    }
    let mut np = 0usize;
    let mut ends = lower.char_indices().map(|(i, c)| i + c.len_utf8());
    for k in 0..4 {
        match ends.next() {
            Some(e) => {
                t.pre[k] = hash_bytes(0x6000 + k as u64, &lb[..e]);
                np = k + 1;
            }
            None => t.pre[k] = t.pre[np.saturating_sub(1)] ^ 0x99,
        }
    }
    // Shape: X x d or the char itself, runs longer than 2 collapsed; flags.
    let mut sh = 0x7000u64;
    let mut last = '\0';
    let mut run = 0;
    let (mut upper, mut lowerc, mut digit, mut hyphen, mut period, mut other) =
        (0u32, 0u32, 0u32, false, false, false);
    let mut first_upper = false;
    let mut letter = false;
    for (k, c) in cased.chars().enumerate() {
        letter |= c.is_alphabetic();
        let s = if c.is_uppercase() {
            upper += 1;
            if k == 0 {
                first_upper = true;
            }
            'X'
        } else if c.is_lowercase() {
            lowerc += 1;
            'x'
        } else if c.is_numeric() {
            digit += 1;
            'd'
        } else {
            match c {
                '-' => hyphen = true,
                '.' => period = true,
                _ => other = true,
            }
            c
        };
        if s == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = s;
        }
        sh = mix(sh, s as u64);
    }
    t.shape = sh;
    t.chars = if letter {
        Chars::Word
    } else if digit > 0 {
        Chars::Number
    } else {
        Chars::Symbols
    };
    let nchar = cased.chars().count();
    let len_bucket = match nchar {
        0..=1 => 0u64,
        2 => 1,
        3 => 2,
        4..=6 => 3,
        _ => 4,
    };
    t.flags = (first_upper as u64)
        | ((upper > 0 && lowerc == 0) as u64) << 1
        | ((digit > 0) as u64) << 2
        | (hyphen as u64) << 3
        | ((digit > 0 && upper + lowerc == 0) as u64) << 4
        | (period as u64) << 5
        | (other as u64) << 7
        | len_bucket << 8;
    let bits = lex_bits(amb, t.lower, lower, buf);
    t.amb = (bits & AMB_MASK) as u64;
    t.wn = (bits >> 17) as u64;
    // Only words unseen in training read their cluster (see `word_features`).
    if t.amb == 0 {
        t.cluster = clusters
            .get(&t.word)
            .or_else(|| clusters.get(&t.lower))
            .copied()
            .unwrap_or(0);
    }
    t
}

#[inline(always)]
fn f1(t: u64, a: u64) -> u64 {
    finish(mix(t.wrapping_mul(0x9E37_79B9), a)) | 1
}
#[inline(always)]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    finish(mix(mix(t.wrapping_mul(0x9E37_79B9), a), b)) | 1
}

/// The capitalisation bits of a token's flags (first letter upper, all upper, first in the
/// sentence, the length bucket's low bits) that several templates pair with other information.
#[inline(always)]
fn caps(flags: u64) -> u64 {
    flags & 0b11_0100_0011
}

/// The features of [`features`] that depend on the token alone (its form, shape, flags and
/// lexicon bits), not on its neighbours or on predicted classes: the tagger sums their weights
/// once per word and keeps the sum (see `Tagger::greedy`). Together with
/// [`context_features`] they are exactly the features of [`features`].
#[inline]
pub(crate) fn word_features(t: &TokInfo, out: &mut Vec<u64>) {
    out.push(f1(1, 0));
    out.push(f1(2, t.word));
    out.push(f1(3, t.lower));
    for k in 0..5 {
        out.push(f1(4 + k as u64, t.suf[k]));
    }
    for k in 0..4 {
        out.push(f1(9 + k as u64, t.pre[k]));
    }
    out.push(f1(13, t.shape));
    out.push(f1(14, t.flags));
    out.push(f1(26, t.amb));
    let caps = caps(t.flags);
    out.push(f2(36, caps, t.amb));
    out.push(f1(46, t.wn));
    out.push(f2(47, t.wn, caps));
    out.push(f2(48, t.wn & 0x3ff, t.amb));
    out.push(f2(52, caps, t.suf[2]));
    if t.cluster != 0 {
        // A word unseen in training (no other word has a cluster, see `tok_info`): the prefixes
        // of its cluster's bit path (the low bits, as the path is stored reversed) stand in for
        // what training would have said of it. On every word they cost dev accuracy (see the
        // crate README).
        let c = t.cluster as u64;
        out.push(f1(57, c & 0xF | 1 << 32));
        out.push(f1(58, c & 0x3F | 1 << 32));
        out.push(f1(59, c & 0x3FF | 1 << 32));
        out.push(f1(60, c));
        out.push(f2(61, c, caps));
    }
}

/// The features of [`features`] that [`word_features`] leaves out: the neighbours' words and
/// the predicted classes.
#[inline]
pub(crate) fn context_features(
    toks: &[TokInfo],
    i: usize,
    p1: u8,
    p2: u8,
    right: Option<(u8, u8)>,
    out: &mut Vec<u64>,
) {
    let t = &toks[i];
    let (lm1, sm1, shm1, lm2) = if i >= 1 {
        let a = &toks[i - 1];
        let lm2 = if i >= 2 { toks[i - 2].lower } else { BOS2 };
        (a.lower, a.suf[2], a.shape, lm2)
    } else {
        (BOS, BOS, BOS, BOS2)
    };
    let (lp1, sp1, s1p1, shp1, ap1, wp1) = match toks.get(i + 1) {
        Some(a) => (a.lower, a.suf[2], a.suf[0], a.shape, a.amb, a.wn),
        None => (EOS, EOS, EOS, EOS, EOS, EOS),
    };
    let wm1 = if i >= 1 { toks[i - 1].wn } else { BOS };
    let (lp2, ap2) = match toks.get(i + 2) {
        Some(a) => (a.lower, a.amb),
        None => (EOS2, EOS2),
    };
    let p1 = p1 as u64;
    let p2 = p2 as u64;
    out.push(f1(15, lm1));
    out.push(f1(16, lm2));
    out.push(f1(17, lp1));
    out.push(f1(18, lp2));
    out.push(f1(19, sm1));
    out.push(f1(20, sp1));
    out.push(f1(21, shm1));
    out.push(f1(22, shp1));
    out.push(f1(23, p1));
    out.push(f2(24, p1, p2));
    out.push(f2(25, p1, t.lower));
    out.push(f1(27, ap1));
    out.push(f1(28, ap2));
    out.push(f2(29, p1, ap1));
    out.push(f2(30, lm1, t.lower));
    out.push(f2(31, t.lower, lp1));
    out.push(f2(32, t.amb, ap1));
    out.push(f1(33, s1p1));
    out.push(f2(34, p1, t.suf[2]));
    let caps = caps(t.flags);
    out.push(f2(35, caps, p1));
    let fm1 = if i >= 1 { toks[i - 1].flags & 0b11 } else { 7 };
    let fp1 = toks.get(i + 1).map_or(7, |a| a.flags & 0b11);
    out.push(f2(37, fm1 | caps << 3, fp1));
    out.push(f2(38, t.shape, p1));
    out.push(f2(39, p1, lp1));
    out.push(f1(49, wp1));
    out.push(f1(50, wm1));
    out.push(f2(51, t.wn, p1));
    out.push(f2(53, t.wn, wp1));
    out.push(f2(54, wm1, t.wn));
    out.push(f2(55, caps, lm1));
    out.push(f2(56, caps, lp1));
    if let Some((r1, r2)) = right {
        let r1 = r1 as u64;
        let r2 = r2 as u64;
        out.push(f1(40, r1));
        out.push(f2(41, r1, r2));
        out.push(f2(42, p1, r1));
        out.push(f2(43, t.lower, r1));
        out.push(f2(44, t.suf[2], r1));
        out.push(f1(45, r2));
    }
}

/// Features of token `i` given the two previous predicted classes and, for the second
/// pass, the first pass's classes of the next two tokens: the word's own features, then its
/// context's.
#[inline]
pub(crate) fn features(
    toks: &[TokInfo],
    i: usize,
    p1: u8,
    p2: u8,
    right: Option<(u8, u8)>,
    out: &mut Vec<u64>,
) {
    out.clear();
    word_features(&toks[i], out);
    context_features(toks, i, p1, p2, right, out);
}
