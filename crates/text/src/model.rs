//! The tagger's runtime model: a hashed, quantized averaged-perceptron weight table, a tag
//! dictionary, ambiguity classes and the lemmatizer, with a compact binary file format.
//!
//! File layout (all little-endian): magic `DYADPOS1`, then sections written by
//! [`Writer`]: class names, tag dictionary, ambiguity classes, one or two weight tables
//! (pass 1, optional pass 2), lemma exceptions and lemma suffix rules.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::TextError;

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

/// One slot of the open-addressing table: key and entry span on one cache line.
#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

/// A hashed feature → sparse (class, weight) table with open addressing.
pub(crate) struct Weights {
    mask: usize,
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    /// Number of stored features.
    pub n_features: usize,
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
    /// Builds the table from (feature key, entries) lists.
    pub fn build(feats: Vec<(u64, Vec<Entry>)>) -> Weights {
        let n = feats.len();
        let cap = (n + n / 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); cap];
        let mut entries = Vec::with_capacity(feats.iter().map(|f| f.1.len()).sum());
        let mask = cap - 1;
        for (k, es) in feats {
            let mut slot = (k as usize) & mask;
            while slots[slot].key != 0 && slots[slot].key != k {
                slot = (slot + 1) & mask;
            }
            slots[slot] = Slot {
                key: k,
                start: entries.len() as u32,
                len: es.len() as u32,
            };
            entries.extend_from_slice(&es);
        }
        Weights {
            mask,
            slots,
            entries,
            n_features: n,
        }
    }

    #[inline(always)]
    fn find(&self, k: u64) -> (u32, u32) {
        let mut slot = (k as usize) & self.mask;
        loop {
            let s = self.slots[slot];
            if s.key == k {
                return (s.start, s.len);
            }
            if s.key == 0 {
                return (0, 0);
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// Adds the weights of `feats` into `scores`. Three phases so that the memory loads
    /// of different features overlap: prefetch slots, find spans (prefetch entries), add.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        for &f in feats {
            prefetch(&self.slots[(f as usize) & self.mask]);
        }
        let mut spans = [(0u32, 0u32); 64];
        let n = feats.len().min(64);
        for (sp, &f) in spans.iter_mut().zip(&feats[..n]) {
            *sp = self.find(f);
            if sp.1 > 0 {
                prefetch(&self.entries[sp.0 as usize]);
            }
        }
        for &(s, l) in &spans[..n] {
            for e in &self.entries[s as usize..(s + l) as usize] {
                if let Some(x) = scores.get_mut(e.class as usize) {
                    *x += e.w as i32;
                }
            }
        }
        for &f in &feats[n..] {
            let (s, l) = self.find(f);
            for e in &self.entries[s as usize..(s + l) as usize] {
                if let Some(x) = scores.get_mut(e.class as usize) {
                    *x += e.w as i32;
                }
            }
        }
    }

    fn write(&self, w: &mut Writer) {
        w.u32(self.n_features as u32);
        let mut slots: Vec<Slot> = self.slots.iter().copied().filter(|s| s.key != 0).collect();
        slots.sort_unstable_by_key(|s| s.key);
        for sl in slots {
            let (k, s, l) = (sl.key, sl.start, sl.len);
            w.u64(k);
            w.u8(l as u8);
            for e in &self.entries[s as usize..(s + l) as usize] {
                w.u8(e.class);
                w.buf.extend_from_slice(&e.w.to_le_bytes());
            }
        }
    }

    fn read(r: &mut Reader) -> Result<Weights, TextError> {
        let n = r.u32()? as usize;
        let mut feats = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.u64()?;
            let l = r.u8()? as usize;
            let mut es = Vec::with_capacity(l);
            for _ in 0..l {
                let class = r.u8()?;
                let w = i16::from_le_bytes([r.u8()?, r.u8()?]);
                es.push(Entry { w, class });
            }
            feats.push((k, es));
        }
        Ok(Weights::build(feats))
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

    /// The lemma of a (normalised) form with the given tags.
    pub fn lemma(&self, form: &str, tag: TagClass) -> String {
        if let Some(l) = self.exceptions.get(&exception_key(form, tag)) {
            return l.clone();
        }
        if tag.upos != Upos::PROPN && form.chars().next().is_some_and(char::is_uppercase) {
            let low = form.to_lowercase();
            if let Some(l) = self.exceptions.get(&exception_key(&low, tag)) {
                return l.clone();
            }
        }
        self.by_rule(form, tag)
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
        let mut am: Vec<_> = self.amb.iter().collect();
        am.sort();
        w.u32(am.len() as u32);
        for (k, m) in am {
            w.u64(*k);
            w.u32(*m);
        }
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
        let n = r.u32()? as usize;
        let mut amb = FxHashMap::default();
        amb.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            amb.insert(k, r.u32()?);
        }
        let pass1 = Weights::read(&mut r)?;
        let pass2 = if r.u8()? == 1 {
            Some(Weights::read(&mut r)?)
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
        Ok(Model {
            classes,
            tagdict,
            amb,
            pass1,
            pass2,
            scale,
            margin: PASS2_MARGIN,
            lemmatizer: Lemmatizer { exceptions, rules },
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
