//! The tagger's runtime model: a hashed, quantized averaged-perceptron weight table, a tag
//! dictionary, ambiguity classes and the lemmatizer, with a compact binary file format.
//!
//! File layout (all little-endian): magic `DYADPOS1`, then sections written by
//! [`Writer`]: class names, tag dictionary, the lexicon table (ambiguity classes plus the
//! WordNet and capitalisation bits of [`crate::lexicon`]), one or two weight tables (pass 1,
//! optional pass 2), lemma exceptions (treebank and WordNet), lemma suffix rules and, when the
//! model was trained with them, the word clusters (absent from older files).

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::TextError;
use crate::lexicon::{is_base, morphy_base};

/// Universal POS tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Upos {
    ADJ,
    ADP,
    ADV,
    AUX,
    CCONJ,
    DET,
    INTJ,
    NOUN,
    NUM,
    PART,
    PRON,
    PROPN,
    PUNCT,
    SCONJ,
    SYM,
    VERB,
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::ADJ,
        Upos::ADP,
        Upos::ADV,
        Upos::AUX,
        Upos::CCONJ,
        Upos::DET,
        Upos::INTJ,
        Upos::NOUN,
        Upos::NUM,
        Upos::PART,
        Upos::PRON,
        Upos::PROPN,
        Upos::PUNCT,
        Upos::SCONJ,
        Upos::SYM,
        Upos::VERB,
        Upos::X,
    ];

    /// The UD name ("NOUN").
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::ADJ => "ADJ",
            Upos::ADP => "ADP",
            Upos::ADV => "ADV",
            Upos::AUX => "AUX",
            Upos::CCONJ => "CCONJ",
            Upos::DET => "DET",
            Upos::INTJ => "INTJ",
            Upos::NOUN => "NOUN",
            Upos::NUM => "NUM",
            Upos::PART => "PART",
            Upos::PRON => "PRON",
            Upos::PROPN => "PROPN",
            Upos::PUNCT => "PUNCT",
            Upos::SCONJ => "SCONJ",
            Upos::SYM => "SYM",
            Upos::VERB => "VERB",
            Upos::X => "X",
        }
    }

    /// Parses a UD name.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == s)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Penn Treebank tags as used by UD English EWT (XPOS column), interned as `&'static str`.
const XPOS: &[&str] = &[
    "ADD", "AFX", "CC", "CD", "DT", "EX", "FW", "GW", "HYPH", "IN", "JJ", "JJR", "JJS", "LS", "MD",
    "NFP", "NN", "NNP", "NNPS", "NNS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP",
    "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "XX",
    "$", "''", "``", ",", "-LRB-", "-RRB-", ".", ":", "_",
];

pub(crate) fn intern_xpos(s: &str) -> &'static str {
    XPOS.iter().copied().find(|x| *x == s).unwrap_or("_")
}

/// One output class of the tagger: a (UPOS, XPOS) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TagClass {
    pub upos: Upos,
    pub xpos: &'static str,
}

#[derive(Clone, Copy)]
#[repr(C)]
pub(crate) struct Entry {
    pub w: i16,
    pub class: u8,
}

/// One slot of the open-addressing table, 8 bytes: a 32-bit fingerprint of the key (its
/// high half; 0 = empty) and the packed span (see [`Weights::find`]). The full keys are kept
/// apart (`Weights::keys`), only for writing the model.
#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    fp: u32,
    val: u32,
}

#[inline(always)]
fn fingerprint(k: u64) -> u32 {
    ((k >> 32) as u32) | 1
}

/// A hashed feature → (class, weight) table with open addressing. Features with many
/// classes (the bias, tag-history features, frequent words) store a dense row of `nc`
/// weights, added with vector instructions; the rest store sparse (class, weight) entries.
pub(crate) struct Weights {
    mask: usize,
    slots: Vec<Slot>,
    keys: Vec<u64>,
    entries: Vec<Entry>,
    dense: Vec<i16>,
    /// Length of a dense row: the number of classes rounded up to [`LANES`]. Score arrays
    /// passed to [`Weights::score`] must be at least this long.
    pub(crate) nc: usize,
    /// The CPU has AVX2 (checked once at load): dense rows are added 8 classes at a time.
    avx2: bool,
    /// Number of stored features.
    pub n_features: usize,
}

/// Span flag: `start` indexes a dense row. Sparse spans pack `len` (< 128) in bits 24–30
/// and `start` (< 2^24) in bits 0–23.
const DENSE: u32 = 1 << 31;
const START_BITS: u32 = 24;
/// Dense rows are padded to a multiple of this many classes.
pub(crate) const LANES: usize = 8;
/// Features with at least this many classes get a dense row.
const DENSE_MIN: usize = 12;

/// (start, len) of a packed span; `len` keeps the [`DENSE`] flag.
#[inline(always)]
fn unpack(val: u32) -> (u32, u32) {
    if val & DENSE != 0 {
        (val & !DENSE, DENSE)
    } else {
        (val & ((1 << START_BITS) - 1), val >> START_BITS)
    }
}

fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    #[allow(unused_unsafe)]
    // SAFETY: prefetching is a hint; it never faults, whatever the address.
    unsafe {
        core::arch::x86_64::_mm_prefetch(p as *const i8, core::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl Weights {
    /// Builds the table from (feature key, entries) lists; `nc` is the number of classes
    /// (entries with a class outside `0..nc` are dropped).
    pub fn build(feats: Vec<(u64, Vec<Entry>)>, nc: usize) -> Weights {
        let total = feats.iter().map(|f| f.1.len()).sum();
        Weights::build_from(
            feats.len(),
            total,
            feats.iter().map(|(k, e)| (*k, &e[..])),
            nc,
        )
    }

    /// [`Weights::build`] over borrowed entry lists: `n` features, `total` entries.
    fn build_from<'a>(
        n: usize,
        total: usize,
        feats: impl Iterator<Item = (u64, &'a [Entry])>,
        nc: usize,
    ) -> Weights {
        let cap = (n + n / 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        let mut keys = vec![0u64; cap];
        let mut inserted = 0usize;
        let mut entries = Vec::with_capacity(total);
        let mut dense: Vec<i16> = Vec::new();
        let stride = nc.div_ceil(LANES).max(1) * LANES;
        let mask = cap - 1;
        for (k, es) in feats {
            let fp = fingerprint(k);
            let mut slot = (k as usize) & mask;
            while slots[slot].fp != 0 && slots[slot].fp != fp {
                slot = (slot + 1) & mask;
            }
            if slots[slot].fp == fp {
                // Same fingerprint in the same probe chain (about one chance in 2^31 per
                // pair): the first key keeps the slot; the feature is dropped.
                continue;
            }
            let in_range = es.iter().all(|e| (e.class as usize) < nc);
            let filtered: Vec<Entry>;
            let es = if in_range {
                es
            } else {
                filtered = es
                    .iter()
                    .copied()
                    .filter(|e| (e.class as usize) < nc)
                    .collect();
                &filtered[..]
            };
            let sparse_fits = es.len() < DENSE_MIN && entries.len() + es.len() < 1 << START_BITS;
            let val = if sparse_fits {
                let v = entries.len() as u32 | (es.len() as u32) << START_BITS;
                entries.extend_from_slice(es);
                v
            } else {
                let row = dense.len() / stride;
                dense.resize(dense.len() + stride, 0);
                for e in es {
                    dense[row * stride + e.class as usize] = e.w;
                }
                DENSE | row as u32
            };
            slots[slot] = Slot { fp, val };
            keys[slot] = k;
            inserted += 1;
        }
        Weights {
            mask,
            slots,
            keys,
            entries,
            dense,
            nc: stride,
            avx2: has_avx2(),
            n_features: inserted,
        }
    }

    /// The (class, weight) entries of a slot, dense rows included (for writing).
    fn entries_of(&self, sl: &Slot) -> Vec<Entry> {
        let (start, len) = unpack(sl.val);
        if len & DENSE != 0 {
            let row = &self.dense[start as usize * self.nc..][..self.nc];
            row.iter()
                .enumerate()
                .filter(|(_, w)| **w != 0)
                .map(|(c, &w)| Entry { w, class: c as u8 })
                .collect()
        } else {
            self.entries[start as usize..(start + len) as usize].to_vec()
        }
    }

    #[inline(always)]
    fn add(&self, s: u32, l: u32, scores: &mut [i32]) {
        if l & DENSE != 0 {
            let nc = self.nc;
            if let (Some(row), Some(sc)) = (
                self.dense.get(s as usize * nc..(s as usize + 1) * nc),
                scores.get_mut(..nc),
            ) {
                let (xs, _) = sc.as_chunks_mut::<LANES>();
                let (ws, _) = row.as_chunks::<LANES>();
                for (x, w) in xs.iter_mut().zip(ws) {
                    for k in 0..LANES {
                        x[k] += w[k] as i32;
                    }
                }
            }
        } else {
            for e in &self.entries[s as usize..(s + l) as usize] {
                if let Some(x) = scores.get_mut(e.class as usize) {
                    *x += e.w as i32;
                }
            }
        }
    }

    #[inline(always)]
    fn find(&self, k: u64) -> (u32, u32) {
        let mut slot = (k as usize) & self.mask;
        let fp = fingerprint(k);
        loop {
            let s = self.slots[slot];
            if s.fp == fp {
                return unpack(s.val);
            }
            if s.fp == 0 {
                return (0, 0);
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Adds the weights of `feats` into `scores`.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: `avx2` is true only when the CPU reported AVX2 support at load.
            unsafe { self.score_avx2(feats, scores) };
            return;
        }
        self.score_generic(feats, scores);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn score_avx2(&self, feats: &[u64], scores: &mut [i32]) {
        self.score_generic(feats, scores);
    }

    /// Three phases so that the memory loads of different features overlap: prefetch
    /// slots, find spans (prefetch entries), add.
    #[inline(always)]
    fn score_generic(&self, feats: &[u64], scores: &mut [i32]) {
        for &f in feats {
            prefetch(&self.slots[(f as usize) & self.mask]);
        }
        let mut spans = [(0u32, 0u32); 64];
        let n = feats.len().min(64);
        for (sp, &f) in spans.iter_mut().zip(&feats[..n]) {
            *sp = self.find(f);
            if sp.1 & DENSE != 0 {
                prefetch(&self.dense[sp.0 as usize * self.nc]);
            } else if sp.1 > 0 {
                prefetch(&self.entries[sp.0 as usize]);
            }
        }
        for &(s, l) in &spans[..n] {
            self.add(s, l, scores);
        }
        for &f in &feats[n..] {
            let (s, l) = self.find(f);
            self.add(s, l, scores);
        }
    }

    fn write(&self, w: &mut Writer) {
        w.u32(self.n_features as u32);
        let mut slots: Vec<(u64, Slot)> = self
            .keys
            .iter()
            .zip(&self.slots)
            .filter(|(_, s)| s.fp != 0)
            .map(|(k, s)| (*k, *s))
            .collect();
        slots.sort_unstable_by_key(|s| s.0);
        for (key, sl) in slots {
            let es = self.entries_of(&sl);
            w.u64(key);
            w.u8(es.len() as u8);
            for e in es {
                w.u8(e.class);
                w.buf.extend_from_slice(&e.w.to_le_bytes());
            }
        }
    }

    fn read(r: &mut Reader, nc: usize) -> Result<Weights, TextError> {
        let n = r.u32()? as usize;
        // One flat entry list and (key, start, len) spans: no allocation per feature.
        let mut spans: Vec<(u64, u32, u8)> = Vec::with_capacity(n.min(1 << 24));
        let mut flat: Vec<Entry> = Vec::with_capacity(n.min(1 << 24) * 4);
        for _ in 0..n {
            let k = r.u64()?;
            let l = r.u8()?;
            let bytes = r.take(l as usize * 3)?;
            spans.push((k, flat.len() as u32, l));
            for e in bytes.chunks_exact(3) {
                flat.push(Entry {
                    w: i16::from_le_bytes([e[1], e[2]]),
                    class: e[0],
                });
            }
        }
        let total = flat.len();
        let feats = spans
            .iter()
            .map(|&(k, s, l)| (k, &flat[s as usize..s as usize + l as usize]));
        Ok(Weights::build_from(n, total, feats, nc))
    }
}

/// How to turn a word form into its lemma: change case (`case`: 0 keep, 1 lowercase,
/// 2 capitalise the first letter), strip `strip` chars, append `append`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Rule {
    pub case: u8,
    pub strip: u8,
    pub append: String,
}

fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

impl Rule {
    pub fn apply(&self, form: &str) -> Option<String> {
        let base = match self.case {
            1 => form.to_lowercase(),
            2 => capitalise(form),
            _ => form.to_string(),
        };
        let n = base.chars().count();
        let strip = self.strip as usize;
        if strip >= n {
            return None;
        }
        let cut = base
            .char_indices()
            .nth(n - strip)
            .map(|(i, _)| i)
            .unwrap_or(base.len());
        let mut out = String::with_capacity(cut + self.append.len());
        out.push_str(&base[..cut]);
        out.push_str(&self.append);
        Some(out)
    }

    /// The rule that turns `form` into `lemma`, or `None` when the lemma shares nothing
    /// with the form (`was` → `be`: a word-specific exception, not a rule).
    pub fn learn(form: &str, lemma: &str) -> Option<Rule> {
        fn common(a: &str, b: &str) -> usize {
            a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
        }
        let mut best: Option<(usize, u8, String)> = None;
        for (case, base) in [
            (0u8, form.to_string()),
            (1, form.to_lowercase()),
            (2, capitalise(form)),
        ] {
            let p = common(&base, lemma);
            if best.as_ref().is_none_or(|b| p > b.0) {
                best = Some((p, case, base));
            }
        }
        let (p, case, base) = best?;
        if p == 0 {
            return None;
        }
        let n = base.chars().count();
        Some(Rule {
            case,
            strip: (n - p).min(255) as u8,
            append: lemma.chars().skip(p).collect(),
        })
    }
}

/// Key of a lemma rule: UPOS, capitalisation, suffix length and the lowercased suffix.
pub(crate) fn rule_key(tag: TagClass, cap: bool, k: usize, lower_suffix: &str) -> u64 {
    use crate::hash::{finish, hash_bytes, mix};
    finish(hash_bytes(
        mix(
            mix(
                mix(tag.upos.index() as u64 + 1, xpos_id(tag.xpos)),
                cap as u64,
            ),
            k as u64,
        ),
        lower_suffix.as_bytes(),
    ))
}

fn xpos_id(x: &str) -> u64 {
    XPOS.iter().position(|y| *y == x).unwrap_or(XPOS.len()) as u64
}

pub(crate) fn exception_key(form: &str, tag: TagClass) -> u64 {
    use crate::hash::{finish, hash_bytes, mix};
    finish(hash_bytes(
        mix(0x4444 + tag.upos.index() as u64, xpos_id(tag.xpos)),
        form.as_bytes(),
    ))
}

/// Longest suffix (in chars) used by lemma rules.
pub(crate) const RULE_MAX_SUFFIX: usize = 6;

/// Lemmatizer: exceptions for seen (form, UPOS) pairs plus suffix rules for the rest.
#[derive(Default)]
pub struct Lemmatizer {
    pub(crate) exceptions: FxHashMap<u64, String>,
    pub(crate) rules: FxHashMap<u64, Rule>,
}

impl Lemmatizer {
    /// The lemma the rules alone would give.
    pub(crate) fn by_rule(&self, form: &str, tag: TagClass) -> String {
        let cap = form.chars().next().is_some_and(char::is_uppercase);
        let low = form.to_lowercase();
        let idx: Vec<usize> = low.char_indices().map(|(i, _)| i).collect();
        let n = idx.len();
        for k in (0..=n.min(RULE_MAX_SUFFIX)).rev() {
            let suf = if k == 0 { "" } else { &low[idx[n - k]..] };
            if let Some(r) = self.rules.get(&rule_key(tag, cap, k, suf))
                && let Some(l) = r.apply(form)
            {
                return l;
            }
        }
        form.to_string()
    }

    /// The suffix rules' lemma, checked against the lexicon: for nouns, verbs and adjectives
    /// whose rule lemma is not a WordNet base form, WordNet's regular detachment rules are
    /// tried first (`smelled` → `smell`, not the rule's `smel`).
    pub(crate) fn by_rule_lex(
        &self,
        form: &str,
        tag: TagClass,
        lex: &FxHashMap<u64, u32>,
        buf: &mut String,
    ) -> String {
        let r = self.by_rule(form, tag);
        let pos = match tag.upos {
            Upos::NOUN => 0,
            Upos::VERB => 1,
            Upos::ADJ => 2,
            _ => return r,
        };
        if lex.is_empty() || !r.is_ascii() || is_base(lex, &r.to_ascii_lowercase(), pos) {
            return r;
        }
        let low = form.to_lowercase();
        match morphy_base(lex, &low, pos, buf) {
            Some(b) if r.chars().next().is_some_and(char::is_uppercase) => capitalise(&b),
            Some(b) => b,
            None => r,
        }
    }

    /// The lemma of a (normalised) form with the given tags; `lex` is the model's lexicon.
    pub(crate) fn lemma(
        &self,
        form: &str,
        tag: TagClass,
        lex: &FxHashMap<u64, u32>,
        buf: &mut String,
    ) -> String {
        if let Some(l) = self.exceptions.get(&exception_key(form, tag)) {
            return l.clone();
        }
        if tag.upos != Upos::PROPN && form.chars().next().is_some_and(char::is_uppercase) {
            let low = form.to_lowercase();
            if let Some(l) = self.exceptions.get(&exception_key(&low, tag)) {
                return l.clone();
            }
        }
        // Numbers written in digits: EWT's lemma drops thousands commas and keeps the rest
        // ("2,000" → "2000", "4.0" → "4.0"; all 2,570 such NUM tokens in the training file).
        if tag.upos == Upos::NUM
            && form.bytes().any(|b| b.is_ascii_digit())
            && form
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        {
            return form.replace(',', "");
        }
        self.by_rule_lex(form, tag, lex, buf)
    }
}

/// The complete tagger model.
pub struct Model {
    pub(crate) classes: Vec<TagClass>,
    pub(crate) tagdict: FxHashMap<u64, u8>,
    pub(crate) amb: FxHashMap<u64, u32>,
    pub(crate) pass1: Weights,
    pub(crate) pass2: Option<Weights>,
    pub(crate) scale: f32,
    /// Pass-1 score margin above which pass 2 keeps pass 1's tag.
    pub(crate) margin: i32,
    pub(crate) lemmatizer: Lemmatizer,
    /// Brown clusters of word forms (see `lexicon::load_clusters` for the keys and
    /// `TokInfo::cluster` for their use).
    pub(crate) clusters: FxHashMap<u64, u32>,
}

const MAGIC: &[u8; 8] = b"DYADPOS1";

/// Pass 2 re-tags words whose pass-1 margin (best minus second score, quantized units) is
/// below this. Chosen on EWT dev (margins 2k/5k/10k/20k/∞ gave UPOS .9494/.9509/.9510/
/// .9505/.9504): it keeps pass 2's gain at close to one pass's speed.
pub(crate) const PASS2_MARGIN: i32 = 10_000;

pub(crate) struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// A hashed-key table: its length, then (key, value) pairs in key order.
    fn table(&mut self, t: &FxHashMap<u64, u32>) {
        let mut kv: Vec<_> = t.iter().collect();
        kv.sort();
        self.u32(kv.len() as u32);
        for (k, v) in kv {
            self.u64(*k);
            self.u32(*v);
        }
    }
    fn str(&mut self, s: &str) {
        let b = s.as_bytes();
        let n = b.len().min(u16::MAX as usize);
        self.buf.extend_from_slice(&(n as u16).to_le_bytes());
        self.buf.extend_from_slice(&b[..n]);
    }
}

pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], TextError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end {
            Some(e) => {
                let s = &self.data[self.pos..e];
                self.pos = e;
                Ok(s)
            }
            None => Err(TextError::Model(format!(
                "truncated model file at byte {}",
                self.pos
            ))),
        }
    }
    fn u8(&mut self) -> Result<u8, TextError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, TextError> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(a))
    }
    fn u64(&mut self) -> Result<u64, TextError> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
    /// Whether every byte has been read (an optional last section is absent).
    fn at_end(&self) -> bool {
        self.pos >= self.data.len()
    }
    /// A table written by `Writer::table`.
    fn table(&mut self) -> Result<FxHashMap<u64, u32>, TextError> {
        let n = self.u32()? as usize;
        let mut t = FxHashMap::default();
        t.reserve(n);
        for _ in 0..n {
            let k = self.u64()?;
            t.insert(k, self.u32()?);
        }
        Ok(t)
    }
    fn str(&mut self) -> Result<&'a str, TextError> {
        let n = u16::from_le_bytes([self.u8()?, self.u8()?]) as usize;
        std::str::from_utf8(self.take(n)?)
            .map_err(|_| TextError::Model("invalid UTF-8 string in model".into()))
    }
}

impl Model {
    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer { buf: Vec::new() };
        w.buf.extend_from_slice(MAGIC);
        w.u32(self.classes.len() as u32);
        for c in &self.classes {
            w.str(c.upos.as_str());
            w.str(c.xpos);
        }
        w.buf.extend_from_slice(&self.scale.to_le_bytes());
        let mut td: Vec<_> = self.tagdict.iter().collect();
        td.sort();
        w.u32(td.len() as u32);
        for (k, c) in td {
            w.u64(*k);
            w.u8(*c);
        }
        w.table(&self.amb);
        self.pass1.write(&mut w);
        match &self.pass2 {
            Some(p) => {
                w.u8(1);
                p.write(&mut w);
            }
            None => w.u8(0),
        }
        let mut ex: Vec<_> = self.lemmatizer.exceptions.iter().collect();
        ex.sort();
        w.u32(ex.len() as u32);
        for (k, l) in ex {
            w.u64(*k);
            w.str(l);
        }
        let mut ru: Vec<_> = self.lemmatizer.rules.iter().collect();
        ru.sort_by_key(|(k, _)| **k);
        w.u32(ru.len() as u32);
        for (k, r) in ru {
            w.u64(*k);
            w.u8(r.case);
            w.u8(r.strip);
            w.str(&r.append);
        }
        // Optional last section (absent in older models): the word clusters.
        if !self.clusters.is_empty() {
            w.table(&self.clusters);
        }
        w.buf
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(data: &[u8]) -> Result<Model, TextError> {
        let mut r = Reader { data, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(TextError::Model(
                "not a dyad tagger model (bad magic)".into(),
            ));
        }
        let nc = r.u32()? as usize;
        if nc > 250 {
            return Err(TextError::Model(format!("too many classes: {nc}")));
        }
        let mut classes = Vec::with_capacity(nc);
        for _ in 0..nc {
            let u = r.str()?;
            let upos = Upos::parse(u)
                .ok_or_else(|| TextError::Model(format!("unknown UPOS {u:?} in model")))?;
            let xpos = intern_xpos(r.str()?);
            classes.push(TagClass { upos, xpos });
        }
        let mut sb = [0u8; 4];
        sb.copy_from_slice(r.take(4)?);
        let scale = f32::from_le_bytes(sb);
        let n = r.u32()? as usize;
        let mut tagdict = FxHashMap::default();
        tagdict.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let c = r.u8()?;
            if (c as usize) >= nc {
                return Err(TextError::Model("tag dictionary class out of range".into()));
            }
            tagdict.insert(k, c);
        }
        let amb = r.table()?;
        let pass1 = Weights::read(&mut r, nc)?;
        let pass2 = if r.u8()? == 1 {
            Some(Weights::read(&mut r, nc)?)
        } else {
            None
        };
        let n = r.u32()? as usize;
        let mut exceptions = FxHashMap::default();
        exceptions.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            exceptions.insert(k, r.str()?.to_string());
        }
        let n = r.u32()? as usize;
        let mut rules = FxHashMap::default();
        rules.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let case = r.u8()?;
            let strip = r.u8()?;
            let append = r.str()?.to_string();
            rules.insert(
                k,
                Rule {
                    case,
                    strip,
                    append,
                },
            );
        }
        let clusters = if r.at_end() {
            FxHashMap::default()
        } else {
            r.table()?
        };
        Ok(Model {
            classes,
            tagdict,
            amb,
            pass1,
            pass2,
            scale,
            margin: PASS2_MARGIN,
            lemmatizer: Lemmatizer { exceptions, rules },
            clusters,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_learn_and_apply() {
        for (f, l) in [
            ("held", "hold"),
            ("talks", "talk"),
            ("Talks", "talk"),
            ("Russia", "Russia"),
            ("n't", "not"),
            ("sides", "side"),
            ("kerala", "Kerala"),
            ("holding", "hold"),
        ] {
            let r = Rule::learn(f, l).unwrap();
            assert_eq!(r.apply(f).as_deref(), Some(l), "{f} -> {l}: {r:?}");
        }
        assert!(Rule::learn("was", "be").is_none());
    }
}
