//! Training the tagger and lemmatizer on CoNLL-U data (UD English EWT), and evaluating them.
//!
//! Averaged perceptron with lazy averaging. Pass 1 tags greedily left to right; pass 2 adds
//! pass 1's predicted tags of the next two words as features. Pass 2 is trained on pass 1
//! predictions made by jackknifing (k-fold), so it learns how far to trust them; both passes
//! learn from each sentence's lexicon features as the other folds' lexicon gives them. Sentence
//! order is shuffled each epoch with a fixed-seed generator: training is deterministic.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::TextError;
use crate::conllu::{self, ConlluSentence};
use crate::features::{
    END, END2, START, START2, TokInfo, features, lower_key, normalise, tok_info, tok_infos,
    word_key,
};
use crate::lexicon::{SEEN_CAP, SEEN_LOWER, WordNet, morphy_bits};
use crate::model::{
    Entry, Lemmatizer, Model, RULE_MAX_SUFFIX, Rule, TagClass, Upos, Weights, exception_key,
    intern_xpos, rule_key,
};
use crate::tagger::Tagger;

/// Training options.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// CoNLL-U training files, read in this order and used as one training set (the
    /// committed model's command is in the crate README).
    pub train: Vec<PathBuf>,
    pub dev: Option<PathBuf>,
    pub out: PathBuf,
    pub iterations: usize,
    /// Train the second (bidirectional) pass.
    pub two_pass: bool,
    /// Folds for the jackknifed pass-1 predictions pass 2 is trained on.
    pub folds: usize,
    /// WordNet 3.0 database directory (`/usr/share/wordnet` from the Debian package
    /// `wordnet-base`); `None` trains without WordNet features and lemma exceptions.
    pub wordnet: Option<PathBuf>,
    /// Each seed is XORed into the fixed seeds of the epoch shuffles (0: the default
    /// shuffles). One run's dev figure moves by up to 0.1 points with the seed alone. With
    /// several seeds every pass (the jackknife folds too) is trained once per seed and the
    /// runs' averaged weights are averaged into one table (a "model soup"; for a linear model
    /// the same as averaging the scores, at no cost in tagging). Empty means `[0]`.
    pub seeds: Vec<u64>,
    /// Brown clusters: spaCy's `en_lexeme_cluster.json(.gz)` from the PyPI package
    /// `spacy-lookups-data` (MIT); `None` trains without cluster features.
    pub clusters: Option<PathBuf>,
}

/// What training did.
#[derive(Debug, Clone, Serialize)]
pub struct TrainReport {
    pub train_tokens: usize,
    pub classes: usize,
    pub features_pass1: usize,
    pub features_pass2: usize,
    pub model_bytes: usize,
    pub seconds: f64,
    pub dev: Option<EvalReport>,
}

/// Accuracy on a CoNLL-U file, tagging its gold word sequence.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub tokens: usize,
    pub upos_accuracy: f64,
    pub xpos_accuracy: f64,
    pub lemma_accuracy: f64,
    pub lemma_accuracy_ci: f64,
    pub tokens_per_sec: f64,
}

/// Tags the gold words of `sents` and compares with the gold UPOS, XPOS and lemmas.
pub fn evaluate(tagger: &Tagger, sents: &[ConlluSentence]) -> EvalReport {
    let t0 = Instant::now();
    let mut tagged = Vec::with_capacity(sents.len());
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tagged.push(tagger.tag(&words));
    }
    let secs = t0.elapsed().as_secs_f64();
    let (mut n, mut up, mut xp, mut lem, mut lemci) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for (s, t) in sents.iter().zip(&tagged) {
        for (w, p) in s.words.iter().zip(t) {
            n += 1;
            up += (p.upos.as_str() == w.upos) as usize;
            xp += (p.xpos == w.xpos) as usize;
            lem += (p.lemma == w.lemma) as usize;
            lemci += (p.lemma.to_lowercase() == w.lemma.to_lowercase()) as usize;
        }
    }
    let d = n.max(1) as f64;
    EvalReport {
        tokens: n,
        upos_accuracy: up as f64 / d,
        xpos_accuracy: xp as f64 / d,
        lemma_accuracy: lem as f64 / d,
        lemma_accuracy_ci: lemci as f64 / d,
        tokens_per_sec: n as f64 / secs.max(1e-9),
    }
}

/// Deterministic xorshift64* generator for the epoch shuffles.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

struct Sent {
    words: Vec<String>,
    gold: Vec<u8>,
}

#[derive(Clone, Copy)]
struct Param {
    class: u8,
    w: f32,
    total: f64,
    ts: u64,
}

#[derive(Default)]
struct TrainWeights {
    index: FxHashMap<u64, u32>,
    params: Vec<Vec<Param>>,
}

impl TrainWeights {
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for f in feats {
            if let Some(&ix) = self.index.get(f) {
                for p in &self.params[ix as usize] {
                    scores[p.class as usize] += p.w;
                }
            }
        }
    }

    fn update(&mut self, f: u64, class: u8, delta: f32, now: u64) {
        let n = self.params.len() as u32;
        let ix = *self.index.entry(f).or_insert(n);
        if ix == n {
            self.params.push(Vec::new());
        }
        let ps = &mut self.params[ix as usize];
        let p = match ps.iter_mut().position(|p| p.class == class) {
            Some(k) => &mut ps[k],
            None => {
                ps.push(Param {
                    class,
                    w: 0.0,
                    total: 0.0,
                    ts: now,
                });
                let k = ps.len() - 1;
                &mut ps[k]
            }
        };
        p.total += (now - p.ts) as f64 * p.w as f64;
        p.ts = now;
        p.w += delta;
    }

    /// The averaged weights per feature key, sorted by key.
    fn averaged(self, now: u64) -> AvgWeights {
        let mut keys: Vec<(u64, u32)> = self.index.into_iter().collect();
        keys.sort_unstable();
        keys.into_iter()
            .map(|(k, ix)| {
                let v = self.params[ix as usize]
                    .iter()
                    .map(|p| {
                        let total = p.total + (now - p.ts) as f64 * p.w as f64;
                        (p.class, (total / now.max(1) as f64) as f32)
                    })
                    .collect();
                (k, v)
            })
            .collect()
    }
}

/// One run's averaged weights: (feature key, (class, weight) list), sorted by key.
type AvgWeights = Vec<(u64, Vec<(u8, f32)>)>;

/// Averages the averaged weights of several runs (a feature missing from a run counts as
/// zero there) and quantizes them to i16 with a scale fitted to the result. One run is
/// quantized unchanged.
fn soup(runs: Vec<AvgWeights>, nc: usize) -> Weights {
    let k = runs.len().max(1) as f32;
    let mut it = runs.into_iter();
    let mut avg = it.next().unwrap_or_default();
    for run in it {
        let mut merged: AvgWeights = Vec::with_capacity(avg.len());
        let (mut a, mut b) = (avg.into_iter().peekable(), run.into_iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x.0 == y.0 => {
                    let (Some((key, mut v)), Some((_, w))) = (a.next(), b.next()) else {
                        break;
                    };
                    for (c, x) in w {
                        match v.iter_mut().find(|e| e.0 == c) {
                            Some(e) => e.1 += x,
                            None => v.push((c, x)),
                        }
                    }
                    (key, v)
                }
                (Some(x), Some(y)) if x.0 > y.0 => match b.next() {
                    Some(e) => e,
                    None => break,
                },
                (Some(_), _) => match a.next() {
                    Some(e) => e,
                    None => break,
                },
                (None, Some(_)) => match b.next() {
                    Some(e) => e,
                    None => break,
                },
                (None, None) => break,
            };
            merged.push(next);
        }
        avg = merged;
    }
    let mut maxabs = 0f32;
    for (_, v) in &mut avg {
        for (_, a) in v.iter_mut() {
            if k != 1.0 {
                *a /= k;
            }
            maxabs = maxabs.max(a.abs());
        }
    }
    let scale = (maxabs / 32000.0).max(1e-9);
    let feats: Vec<(u64, Vec<Entry>)> = avg
        .into_iter()
        .filter_map(|(k, v)| {
            let es: Vec<Entry> = v
                .into_iter()
                .filter_map(|(c, a)| {
                    let q = (a / scale).round().clamp(-32767.0, 32767.0) as i16;
                    (q != 0).then_some(Entry { w: q, class: c })
                })
                .collect();
            (!es.is_empty()).then_some((k, es))
        })
        .collect();
    Weights::build(feats, nc)
}

/// A cased form seen at least this often, with one class at least this share of the time,
/// is tagged from the tag dictionary without scoring.
/// (10 and 0.99 tagged 7 % fewer instructions but lost 0.07 points of dev UPOS.)
const TAGDICT_MIN: u32 = 20;
const TAGDICT_SHARE: f64 = 0.995;

/// A lowercase form seen at least this often in training gets its UPOS in its ambiguity class.
/// (2 while both passes learned from the lexicon of the whole training set, where a word's own
/// tag is always in its class; with the jackknifed lexicon 1 gave +0.10 points of dev UPOS.)
const AMB_MIN: u32 = 1;

/// Tag dictionary and ambiguity classes built from training sentences.
struct Lexicon {
    tagdict: FxHashMap<u64, u8>,
    amb: FxHashMap<u64, u32>,
}

fn build_lexicon(sents: &[&Sent], classes: &[TagClass], wn: Option<&WordNet>) -> Lexicon {
    let nc = classes.len();
    let mut by_word: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    let mut by_lower: FxHashMap<u64, (u32, u32, u32)> = FxHashMap::default();
    let mut strings: FxHashMap<u64, String> = FxHashMap::default();
    let (mut c, mut l) = (String::new(), String::new());
    for s in sents {
        for (i, (w, &g)) in s.words.iter().zip(&s.gold).enumerate() {
            normalise(w, &mut c, &mut l);
            by_word.entry(word_key(&c)).or_insert_with(|| vec![0; nc])[g as usize] += 1;
            let lk = lower_key(&l);
            let e = by_lower.entry(lk).or_insert((0, 0, 0));
            e.0 += 1;
            e.1 |= 1 << classes[g as usize].upos.index();
            if c == l {
                e.2 |= SEEN_LOWER;
            } else if i > 0 && c.chars().next().is_some_and(char::is_uppercase) {
                e.2 |= SEEN_CAP;
            }
            strings.entry(lk).or_insert_with(|| l.clone());
        }
    }
    let mut tagdict = FxHashMap::default();
    for (k, counts) in by_word {
        let total: u32 = counts.iter().sum();
        let (best, &bc) = counts
            .iter()
            .enumerate()
            .max_by_key(|(_, c)| **c)
            .unwrap_or((0, &0));
        if total >= TAGDICT_MIN && bc as f64 / total as f64 >= TAGDICT_SHARE {
            tagdict.insert(k, best as u8);
        }
    }
    let mut amb: FxHashMap<u64, u32> = FxHashMap::default();
    if let Some(wn) = wn {
        for (w, b) in &wn.bits {
            let k = lower_key(w);
            *amb.entry(k).or_insert(0) |= b;
            strings.entry(k).or_insert_with(|| w.clone());
        }
    }
    for (k, (n, m, seen)) in by_lower {
        let e = amb.entry(k).or_insert(0);
        if n >= AMB_MIN {
            *e |= m;
        }
        *e |= seen;
    }
    if wn.is_some() {
        // Regular inflections, exactly as `lex_bits` finds them at run time for other words.
        let mut buf = String::new();
        let mut keys: Vec<u64> = amb.keys().copied().collect();
        keys.sort_unstable();
        let add: Vec<(u64, u32)> = keys
            .into_iter()
            .filter_map(|k| {
                let s = strings.get(&k)?;
                Some((k, morphy_bits(&amb, s, &mut buf)))
            })
            .collect();
        for (k, b) in add {
            if let Some(e) = amb.get_mut(&k) {
                *e |= b;
            }
        }
    }
    Lexicon { tagdict, amb }
}

fn infos_for(
    sents: &[&Sent],
    amb: &FxHashMap<u64, u32>,
    clusters: &FxHashMap<u64, u32>,
) -> Vec<Vec<TokInfo>> {
    let (mut c, mut l, mut b) = (String::new(), String::new(), String::new());
    sents
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let mut v = Vec::new();
            tok_infos(&words, &mut v, |w| {
                tok_info(w, amb, clusters, &mut c, &mut l, &mut b)
            });
            v
        })
        .collect()
}

/// What one perceptron pass learns from: the sentences, their token features, the lexicon, the
/// number of classes, the iterations, and (pass 2) the pass-1 classes of each sentence.
struct PassData<'a> {
    sents: &'a [&'a Sent],
    infos: &'a [Vec<TokInfo>],
    lex: &'a Lexicon,
    nc: usize,
    iterations: usize,
    right: Option<&'a [Vec<u8>]>,
}

/// Trains one perceptron pass, once per seed, and averages the runs.
fn train_pass(
    d: &PassData<'_>,
    base_seed: u64,
    seeds: &[u64],
    log: &mut dyn FnMut(&str),
) -> Weights {
    let mut runs = Vec::with_capacity(seeds.len());
    for (r, &seed) in seeds.iter().enumerate() {
        if seeds.len() > 1 {
            log(&format!("  seed {seed} ({}/{}):", r + 1, seeds.len()));
        }
        runs.push(train_run(d, base_seed ^ seed, log));
    }
    soup(runs, d.nc)
}

/// One perceptron run with one shuffle seed: the averaged weights, sorted by feature key.
fn train_run(d: &PassData<'_>, seed: u64, log: &mut dyn FnMut(&str)) -> AvgWeights {
    let PassData {
        sents,
        infos,
        lex,
        nc,
        iterations,
        right,
    } = *d;
    let mut w = TrainWeights::default();
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng(seed);
    let mut now: u64 = 1;
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; nc];
    for it in 0..iterations {
        rng.shuffle(&mut order);
        let (mut n, mut ok) = (0usize, 0usize);
        for &si in &order {
            let s = sents[si];
            let inf = &infos[si];
            let (mut p1, mut p2) = (START, START2);
            for i in 0..s.words.len() {
                let gold = s.gold[i];
                let guess = if let Some(&c) = lex.tagdict.get(&inf[i].word) {
                    c
                } else {
                    let r = right.map(|r| {
                        let r = &r[si];
                        (
                            r.get(i + 1).copied().unwrap_or(END),
                            r.get(i + 2).copied().unwrap_or(END2),
                        )
                    });
                    features(inf, i, p1, p2, r, &mut feats);
                    scores.iter_mut().for_each(|x| *x = 0.0);
                    w.score(&feats, &mut scores);
                    let mut best = 0usize;
                    for k in 1..nc {
                        if scores[k] > scores[best] {
                            best = k;
                        }
                    }
                    let guess = best as u8;
                    if guess != gold {
                        for &f in &feats {
                            w.update(f, gold, 1.0, now);
                            w.update(f, guess, -1.0, now);
                        }
                    }
                    now += 1;
                    guess
                };
                n += 1;
                ok += (guess == gold) as usize;
                p2 = p1;
                p1 = guess;
            }
        }
        log(&format!(
            "  iteration {}: train accuracy {:.4}, {} features",
            it + 1,
            ok as f64 / n.max(1) as f64,
            w.index.len()
        ));
    }
    w.averaged(now)
}

/// Learns the lemmatizer: suffix rules keyed by (UPOS, capitalisation, suffix), then
/// exceptions for every seen (form, UPOS) the rules get wrong.
fn train_lemmatizer(
    train: &[ConlluSentence],
    lex: &FxHashMap<u64, u32>,
    wn: Option<&WordNet>,
    classes: &[TagClass],
) -> Lemmatizer {
    // Distinct (form, upos, lemma) with token counts.
    let mut types: FxHashMap<(String, TagClass, String), u32> = FxHashMap::default();
    let (mut c, mut l) = (String::new(), String::new());
    for s in train {
        for w in &s.words {
            let Some(upos) = Upos::parse(&w.upos) else {
                continue;
            };
            let u = TagClass {
                upos,
                xpos: intern_xpos(&w.xpos),
            };
            if w.lemma == "_" {
                continue;
            }
            normalise(&w.form, &mut c, &mut l);
            *types.entry((c.clone(), u, w.lemma.clone())).or_insert(0) += 1;
        }
    }
    // Rule counts per key (type-level), grouped by suffix length.
    let mut counts: Vec<FxHashMap<u64, FxHashMap<Rule, u32>>> =
        vec![FxHashMap::default(); RULE_MAX_SUFFIX + 1];
    for (form, u, lemma) in types.keys() {
        let Some(rule) = Rule::learn(form, lemma) else {
            continue;
        };
        let cap = form.chars().next().is_some_and(char::is_uppercase);
        let low = form.to_lowercase();
        let idx: Vec<usize> = low.char_indices().map(|(i, _)| i).collect();
        let n = idx.len();
        for (k, ck) in counts
            .iter_mut()
            .enumerate()
            .take(n.min(RULE_MAX_SUFFIX) + 1)
        {
            let suf = if k == 0 { "" } else { &low[idx[n - k]..] };
            *ck.entry(rule_key(*u, cap, k, suf))
                .or_default()
                .entry(rule.clone())
                .or_insert(0) += 1;
        }
    }
    let mut lem = Lemmatizer::default();
    for ck in counts {
        let mut entries: Vec<(u64, FxHashMap<Rule, u32>)> = ck.into_iter().collect();
        entries.sort_unstable_by_key(|e| e.0);
        for (key, rules) in entries {
            let total: u32 = rules.values().sum();
            let mut rv: Vec<(Rule, u32)> = rules.into_iter().collect();
            rv.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then(a.0.strip.cmp(&b.0.strip))
                    .then(a.0.append.cmp(&b.0.append))
                    .then(a.0.case.cmp(&b.0.case))
            });
            if total >= 2 {
                lem.rules.insert(key, rv[0].0.clone());
            }
        }
    }
    // Most frequent lemma per (form, upos); exceptions where the rules are wrong.
    let mut best: FxHashMap<(String, TagClass), (String, u32)> = FxHashMap::default();
    let mut tv: Vec<_> = types.into_iter().collect();
    tv.sort_by(|a, b| {
        (&a.0.0, a.0.1.upos, a.0.1.xpos, &a.0.2).cmp(&(&b.0.0, b.0.1.upos, b.0.1.xpos, &b.0.2))
    });
    for ((form, u, lemma), n) in tv {
        let e = best.entry((form, u)).or_insert((String::new(), 0));
        if n > e.1 {
            *e = (lemma, n);
        }
    }
    let mut exceptions = Vec::new();
    let mut buf = String::new();
    for ((form, u), (lemma, _)) in &best {
        if lem.by_rule_lex(form, *u, lex, &mut buf) != *lemma {
            exceptions.push((exception_key(form, *u), lemma.clone()));
        }
    }
    // WordNet's irregular inflections for inflected noun, verb and adjective tags, where the
    // treebank has no entry and the rules get them wrong (first listed base form wins).
    let mut wn_exc = Vec::new();
    if let Some(wn) = wn {
        let seen: rustc_hash::FxHashSet<u64> =
            best.keys().map(|(f, u)| exception_key(f, *u)).collect();
        let mut done: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
        for (pos, form, base) in &wn.exceptions {
            for &c in classes {
                let ok = match (pos, c.upos) {
                    (0, Upos::NOUN) => matches!(c.xpos, "NNS"),
                    (1, Upos::VERB) => matches!(c.xpos, "VBD" | "VBN" | "VBG" | "VBZ"),
                    (2, Upos::ADJ) => matches!(c.xpos, "JJR" | "JJS"),
                    _ => false,
                };
                let key = exception_key(form, c);
                if !ok || seen.contains(&key) || !done.insert(key) {
                    continue;
                }
                if lem.by_rule_lex(form, c, lex, &mut buf) != *base {
                    wn_exc.push((key, base.clone()));
                }
            }
        }
    }
    lem.exceptions.extend(exceptions);
    lem.exceptions.extend(wn_exc);
    lem
}

/// Greedy tagging with a finished pass-1 weight table (for jackknifing).
fn predict(
    w: &Weights,
    lex: &Lexicon,
    infos: &[TokInfo],
    nc: usize,
    feats: &mut Vec<u64>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(infos.len());
    let (mut p1, mut p2) = (START, START2);
    let mut scores = vec![0i32; w.nc.max(nc)];
    for i in 0..infos.len() {
        let c = match lex.tagdict.get(&infos[i].word) {
            Some(&c) => c,
            None => {
                features(infos, i, p1, p2, None, feats);
                scores.iter_mut().for_each(|x| *x = 0);
                w.score(feats, &mut scores);
                let mut best = 0usize;
                for k in 1..nc {
                    if scores[k] > scores[best] {
                        best = k;
                    }
                }
                best as u8
            }
        };
        out.push(c);
        p2 = p1;
        p1 = c;
    }
    out
}

/// Trains the tagger and lemmatizer, writes the model to `opts.out`, evaluates on dev.
pub fn train_tagger(
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Result<TrainReport, TextError> {
    let t0 = Instant::now();
    let upos_only = std::env::var("DYAD_UPOS_ONLY").is_ok();
    let xp = |x: &str| if upos_only { "_" } else { intern_xpos(x) };
    let mut train = Vec::new();
    for p in &opts.train {
        let part = conllu::read_file(p)?;
        log(&format!("{}: {} sentences", p.display(), part.len()));
        train.extend(part);
    }
    let dev = match &opts.dev {
        Some(d) => Some(conllu::read_file(d)?),
        None => None,
    };
    // Classes: (UPOS, XPOS) pairs by descending frequency.
    let mut pair_count: FxHashMap<(Upos, &'static str), u32> = FxHashMap::default();
    for s in &train {
        for w in &s.words {
            let u = Upos::parse(&w.upos).unwrap_or(Upos::X);
            *pair_count.entry((u, xp(&w.xpos))).or_insert(0) += 1;
        }
    }
    let mut pairs: Vec<_> = pair_count.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.0.cmp(&b.0.0)).then(a.0.1.cmp(b.0.1)));
    pairs.truncate(250);
    let classes: Vec<TagClass> = pairs
        .iter()
        .map(|((u, x), _)| TagClass { upos: *u, xpos: x })
        .collect();
    let class_of: FxHashMap<(Upos, &'static str), u8> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.upos, c.xpos), i as u8))
        .collect();
    let nc = classes.len();
    let sents: Vec<Sent> = train
        .iter()
        .map(|s| Sent {
            words: s.words.iter().map(|w| w.form.clone()).collect(),
            gold: s
                .words
                .iter()
                .map(|w| {
                    let u = Upos::parse(&w.upos).unwrap_or(Upos::X);
                    class_of.get(&(u, xp(&w.xpos))).copied().unwrap_or(0)
                })
                .collect(),
        })
        .collect();
    let all: Vec<&Sent> = sents.iter().collect();
    let ntok: usize = sents.iter().map(|s| s.words.len()).sum();
    log(&format!(
        "training on {} sentences, {ntok} tokens, {nc} classes",
        sents.len()
    ));

    let wordnet = match &opts.wordnet {
        Some(dir) => {
            let wn = WordNet::load(dir)?;
            log(&format!(
                "WordNet {}: {} forms, {} exceptions",
                dir.display(),
                wn.bits.len(),
                wn.exceptions.len()
            ));
            Some(wn)
        }
        None => None,
    };
    let wn = wordnet.as_ref();
    let clusters = match &opts.clusters {
        Some(p) => {
            let c = crate::lexicon::load_clusters(p)?;
            log(&format!("clusters {}: {} entries", p.display(), c.len()));
            c
        }
        None => FxHashMap::default(),
    };
    let lex = build_lexicon(&all, &classes, wn);
    let seeds = if opts.seeds.is_empty() {
        vec![0]
    } else {
        opts.seeds.clone()
    };
    let folds = opts.folds.max(2);
    // Each sentence's token information with the lexicon of the other folds (ambiguity
    // classes, capitalisation seen in training): what its words look like to the tagger when
    // the sentence is not in the training set, as every sentence it tags at run time is not.
    // Both passes learn from these, so they do not learn to trust an ambiguity class that
    // always holds the word's own tag, and they see unseen words as often as a new text
    // has them. Pass 2 learns from jackknifed pass-1 classes: the same folds' models, each
    // tagging its held-out fold.
    let mut jinfos: Vec<Vec<TokInfo>> = vec![Vec::new(); sents.len()];
    let mut right: Vec<Vec<u8>> = vec![Vec::new(); sents.len()];
    for f in 0..folds {
        let tr: Vec<&Sent> = (0..sents.len())
            .filter(|i| i % folds != f)
            .map(|i| &sents[i])
            .collect();
        let flex = build_lexicon(&tr, &classes, wn);
        let held: Vec<usize> = (0..sents.len()).filter(|i| i % folds == f).collect();
        let held_sents: Vec<&Sent> = held.iter().map(|&i| &sents[i]).collect();
        let hinfos = infos_for(&held_sents, &flex.amb, &clusters);
        if opts.two_pass {
            log(&format!("jackknife fold {}/{folds}:", f + 1));
            let finfos = infos_for(&tr, &flex.amb, &clusters);
            let w = train_pass(
                &PassData {
                    sents: &tr,
                    infos: &finfos,
                    lex: &flex,
                    nc,
                    iterations: opts.iterations,
                    right: None,
                },
                0x5EED_0100 + f as u64,
                &seeds,
                &mut |_| {},
            );
            let mut feats = Vec::new();
            let (mut n, mut ok) = (0usize, 0usize);
            for (j, &i) in held.iter().enumerate() {
                let p = predict(&w, &flex, &hinfos[j], nc, &mut feats);
                for (a, b) in p.iter().zip(&sents[i].gold) {
                    n += 1;
                    ok += (a == b) as usize;
                }
                right[i] = p;
            }
            log(&format!(
                "  held-out accuracy {:.4}",
                ok as f64 / n.max(1) as f64
            ));
        }
        for (h, &i) in hinfos.into_iter().zip(&held) {
            jinfos[i] = h;
        }
    }
    let base = PassData {
        sents: &all,
        infos: &jinfos,
        lex: &lex,
        nc,
        iterations: opts.iterations,
        right: None,
    };
    log("pass 1 (left to right):");
    let pass1 = train_pass(&base, 0x5EED_0001, &seeds, log);

    let pass2 = if opts.two_pass {
        log("pass 2 (with pass-1 tags of the right context):");
        Some(train_pass(
            &PassData {
                right: Some(&right),
                ..base
            },
            0x5EED_0002,
            &seeds,
            log,
        ))
    } else {
        None
    };

    log("lemmatizer:");
    let lemmatizer = train_lemmatizer(&train, &lex.amb, wn, &classes);
    log(&format!(
        "  {} suffix rules, {} exceptions",
        lemmatizer.rules.len(),
        lemmatizer.exceptions.len()
    ));
    let model = Model {
        classes,
        tagdict: lex.tagdict,
        amb: lex.amb,
        pass1,
        pass2,
        scale: 1.0,
        margin: crate::model::PASS2_MARGIN,
        lemmatizer,
        clusters,
    };
    let bytes = model.to_bytes();
    write_model(&opts.out, &bytes)?;
    let tagger = Tagger::from_model(model);
    let (f1, f2) = tagger.n_features();
    let dev_report = dev.as_ref().map(|d| evaluate(&tagger, d));
    Ok(TrainReport {
        train_tokens: ntok,
        classes: nc,
        features_pass1: f1,
        features_pass2: f2,
        model_bytes: bytes.len(),
        seconds: t0.elapsed().as_secs_f64(),
        dev: dev_report,
    })
}

fn write_model(path: &Path, bytes: &[u8]) -> Result<(), TextError> {
    let io = |e| TextError::Io {
        path: path.display().to_string(),
        source: e,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scores(w: &Weights, f: u64) -> Vec<i32> {
        let mut s = vec![0; w.nc.max(3)];
        w.score(&[f], &mut s);
        s
    }

    /// The soup averages per (feature, class), a feature missing from a run counting as zero.
    #[test]
    fn soup_averages_runs() {
        let a: AvgWeights = vec![(1, vec![(0, 2.0), (1, -1.0)]), (5, vec![(2, 4.0)])];
        let b: AvgWeights = vec![(1, vec![(1, 1.0), (2, 2.0)]), (3, vec![(0, 4.0)])];
        let w = soup(vec![a, b], 3);
        // Averages: key 1 → [1, 0, 1], key 3 → [2, 0, 0], key 5 → [0, 0, 2]; scale 2/32000.
        assert_eq!(&scores(&w, 1)[..3], &[16000, 0, 16000]);
        assert_eq!(&scores(&w, 3)[..3], &[32000, 0, 0]);
        assert_eq!(&scores(&w, 5)[..3], &[0, 0, 32000]);
        assert_eq!(w.n_features, 3);
    }
}
