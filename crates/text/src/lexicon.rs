//! Lexical knowledge for the tagger and lemmatizer.
//!
//! The model's lexicon table maps the hash of a lowercased word form to a `u32`:
//! bits 0–16 are the UPOS tags the word had in training (its ambiguity class), the upper
//! bits describe it in WordNet 3.0 (which parts of speech it can be as a base form or as an
//! inflected form, whether WordNet only knows it capitalised, its most frequent part of
//! speech) and how it was written in training (lowercase / capitalised inside a sentence).
//!
//! WordNet is read only at training time ([`WordNet::load`], from the Debian package
//! `wordnet-base`); what the tagger needs is stored in the model file. For words missing
//! from the table, [`lex_bits`] applies WordNet's "morphy" detachment rules at run time to
//! find an inflected form of a WordNet base form.
//!
//! [`load_clusters`] reads the Brown word clusters of the PyPI package `spacy-lookups-data`
//! at training time; the model stores them too, for the words unseen in training.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::TextError;
use crate::features::lower_key;

/// Mask of the training ambiguity class (UPOS bits).
pub(crate) const AMB_MASK: u32 = (1 << 17) - 1;
/// WordNet base form: noun, verb, adjective (`BASE_N << pos`; bit 20 is adverb).
pub(crate) const BASE_N: u32 = 1 << 17;
pub(crate) const BASE_V: u32 = 1 << 18;
pub(crate) const BASE_A: u32 = 1 << 19;
/// WordNet knows the word only capitalised ("Paris").
pub(crate) const CAP_ONLY: u32 = 1 << 21;
/// Most frequent WordNet part of speech (2 bits: n, v, a, r).
pub(crate) const DOM_SHIFT: u32 = 22;
/// Inflected form of a WordNet noun / verb / adjective (exception list or morphy rules).
pub(crate) const INFL_N: u32 = 1 << 24;
pub(crate) const INFL_V: u32 = 1 << 25;
pub(crate) const INFL_A: u32 = 1 << 26;
/// Seen all-lowercase in training; seen capitalised not sentence-initially in training.
pub(crate) const SEEN_LOWER: u32 = 1 << 27;
pub(crate) const SEEN_CAP: u32 = 1 << 28;

/// WordNet's detachment rules: (part of speech 0 noun, 1 verb, 2 adjective; suffix; ending).
pub(crate) const MORPHY: &[(u8, &str, &str)] = &[
    (0, "s", ""),
    (0, "ses", "s"),
    (0, "xes", "x"),
    (0, "zes", "z"),
    (0, "ches", "ch"),
    (0, "shes", "sh"),
    (0, "men", "man"),
    (0, "ies", "y"),
    (1, "s", ""),
    (1, "ies", "y"),
    (1, "es", "e"),
    (1, "es", ""),
    (1, "ed", "e"),
    (1, "ed", ""),
    (1, "ing", "e"),
    (1, "ing", ""),
    (2, "er", ""),
    (2, "est", ""),
    (2, "er", "e"),
    (2, "est", "e"),
];

const BASE_OF: [u32; 3] = [BASE_N, BASE_V, BASE_A];
const INFL_OF: [u32; 3] = [INFL_N, INFL_V, INFL_A];

/// The WordNet bits of a word missing from the table: the parts of speech of which it is a
/// regular inflected form. `buf` is scratch space.
pub(crate) fn morphy_bits(table: &FxHashMap<u64, u32>, lower: &str, buf: &mut String) -> u32 {
    let mut bits = 0;
    if !lower
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
    {
        return 0;
    }
    for &(pos, suf, end) in MORPHY {
        let p = pos as usize;
        if bits & INFL_OF[p] == 0 && morphy_try(table, lower, p, suf, end, buf) {
            bits |= INFL_OF[p];
        }
    }
    bits
}

/// One morphy rule: if `lower` ends in `suf`, puts the stem + `end` in `buf` and says whether
/// WordNet knows it as a base form of part of speech `p`.
fn morphy_try(
    table: &FxHashMap<u64, u32>,
    lower: &str,
    p: usize,
    suf: &str,
    end: &str,
    buf: &mut String,
) -> bool {
    if lower.len() <= suf.len() + 1 || !lower.ends_with(suf) {
        return false;
    }
    buf.clear();
    buf.push_str(&lower[..lower.len() - suf.len()]);
    buf.push_str(end);
    is_base(table, buf, p)
}

/// The table entry of a lowercased form, falling back to the morphy rules for the
/// WordNet bits of words that are not in the table.
#[inline]
pub(crate) fn lex_bits(
    table: &FxHashMap<u64, u32>,
    key: u64,
    lower: &str,
    buf: &mut String,
) -> u32 {
    match table.get(&key) {
        Some(&b) => b,
        None => morphy_bits(table, lower, buf),
    }
}

/// The regular base form of `lower` for WordNet part of speech `pos` (0 noun, 1 verb,
/// 2 adjective), if the morphy rules give one that WordNet knows.
pub(crate) fn morphy_base(
    table: &FxHashMap<u64, u32>,
    lower: &str,
    pos: usize,
    buf: &mut String,
) -> Option<String> {
    for &(p, suf, end) in MORPHY {
        if p as usize == pos && morphy_try(table, lower, pos, suf, end, buf) {
            return Some(buf.clone());
        }
    }
    None
}

/// Whether `lower` is a WordNet base form of part of speech `pos` (0 noun, 1 verb, 2 adj).
pub(crate) fn is_base(table: &FxHashMap<u64, u32>, lower: &str, pos: usize) -> bool {
    table
        .get(&lower_key(lower))
        .is_some_and(|&b| b & BASE_OF[pos] != 0)
}

/// WordNet 3.0 as read from its database files (training time only).
pub struct WordNet {
    /// Lowercased single-word form → WordNet bits.
    pub(crate) bits: FxHashMap<String, u32>,
    /// Irregular inflections: (part of speech 0 noun, 1 verb, 2 adj; form; base form),
    /// in file order.
    pub(crate) exceptions: Vec<(u8, String, String)>,
}

/// Where the Debian package `wordnet-base` installs the WordNet database.
pub const DEFAULT_WORDNET_DIR: &str = "/usr/share/wordnet";

impl WordNet {
    /// Reads `index.{noun,verb,adj,adv}`, `data.*` (for capitalisation) and
    /// `{noun,verb,adj}.exc` from `dir`.
    pub fn load(dir: &Path) -> Result<WordNet, TextError> {
        let read = |name: &str| -> Result<String, TextError> {
            let p = dir.join(name);
            std::fs::read_to_string(&p).map_err(|e| TextError::WordNet {
                path: p.display().to_string(),
                source: e,
            })
        };
        let mut bits: FxHashMap<String, u32> = FxHashMap::default();
        // Tagged-sense counts per part of speech, for the dominant part of speech.
        let mut tagged: FxHashMap<String, [u32; 4]> = FxHashMap::default();
        for (pos, name) in ["index.noun", "index.verb", "index.adj", "index.adv"]
            .iter()
            .enumerate()
        {
            for line in read(name)?.lines() {
                if line.starts_with(' ') {
                    continue;
                }
                let f: Vec<&str> = line.split(' ').collect();
                if f.len() < 4 || f[0].contains('_') {
                    continue;
                }
                let p_cnt: usize = f[3].parse().unwrap_or(0);
                let tag_cnt: u32 = f
                    .get(4 + p_cnt + 1)
                    .and_then(|x| x.parse().ok())
                    .unwrap_or(0);
                let syn_cnt: u32 = f[2].parse().unwrap_or(0);
                *bits.entry(f[0].to_string()).or_insert(0) |= BASE_N << pos;
                // Tagged senses dominate; the synset count breaks ties among untagged words.
                tagged.entry(f[0].to_string()).or_insert([0; 4])[pos] =
                    tag_cnt * 1000 + syn_cnt.min(999);
            }
        }
        for (w, counts) in &tagged {
            let mut best = 0;
            for k in 1..4 {
                if counts[k] > counts[best] {
                    best = k;
                }
            }
            if let Some(b) = bits.get_mut(w) {
                *b |= (best as u32) << DOM_SHIFT;
            }
        }
        // Capitalisation as written in the synsets.
        let mut lower_seen: FxHashMap<String, (bool, bool)> = FxHashMap::default();
        for name in ["data.noun", "data.verb", "data.adj", "data.adv"] {
            for line in read(name)?.lines() {
                if line.starts_with(' ') {
                    continue;
                }
                let f: Vec<&str> = line.split(' ').collect();
                if f.len() < 4 {
                    continue;
                }
                let n = usize::from_str_radix(f[3], 16).unwrap_or(0);
                for k in 0..n {
                    let Some(w) = f.get(4 + 2 * k) else { break };
                    // Adjective markers such as "(p)" are attached to the word.
                    let w = w.split('(').next().unwrap_or(w);
                    if w.contains('_') {
                        continue;
                    }
                    let low = w.to_lowercase();
                    let e = lower_seen.entry(low).or_insert((false, false));
                    if w.chars().next().is_some_and(char::is_uppercase) {
                        e.1 = true;
                    } else {
                        e.0 = true;
                    }
                }
            }
        }
        for (w, (low, cap)) in lower_seen {
            if cap
                && !low
                && let Some(b) = bits.get_mut(&w)
            {
                *b |= CAP_ONLY;
            }
        }
        let mut exceptions = Vec::new();
        for (pos, name) in ["noun.exc", "verb.exc", "adj.exc"].iter().enumerate() {
            for line in read(name)?.lines() {
                let mut f = line.split(' ');
                let (Some(form), Some(base)) = (f.next(), f.next()) else {
                    continue;
                };
                if form.contains('_') || base.contains('_') {
                    continue;
                }
                exceptions.push((pos as u8, form.to_string(), base.to_string()));
            }
        }
        for (pos, form, _) in &exceptions {
            *bits.entry(form.clone()).or_insert(0) |= INFL_N << *pos;
        }
        Ok(WordNet { bits, exceptions })
    }
}

/// Reads Brown word clusters from spaCy's `en_lexeme_cluster.json` (optionally gzipped), as
/// shipped by the PyPI package `spacy-lookups-data` (MIT): a JSON object from word form to
/// cluster, the cluster's bit path reversed into an integer (0: no cluster). Returns a table
/// from the hash of each all-lowercase form ([`lower_key`]) to its cluster, and from the hash
/// of each cased form ([`crate::features::word_key`]) whose cluster differs from its lowercase
/// form's (a lookup tries the cased key, then the lowercase one); forms without a cluster are
/// left out.
pub fn load_clusters(path: &Path) -> Result<FxHashMap<u64, u32>, TextError> {
    let io = |e: std::io::Error| TextError::Io {
        path: path.display().to_string(),
        source: e,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let reader: Box<dyn std::io::Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let map: FxHashMap<String, u32> = serde_json::from_reader(std::io::BufReader::new(reader))
        .map_err(|e| {
            TextError::Model(format!(
                "{}: expected a JSON object from word to cluster number: {e}",
                path.display()
            ))
        })?;
    let mut out = FxHashMap::default();
    let (mut c, mut l) = (String::new(), String::new());
    for (w, &k) in &map {
        if k == 0 {
            continue;
        }
        crate::features::normalise(w, &mut c, &mut l);
        if c == l {
            out.insert(lower_key(&l), k);
        }
        // A cased form with its lowercase form's cluster needs no entry of its own: the lookup
        // falls back to the lowercase form (a quarter of the table).
        if c != l && map.get(&l) != Some(&k) {
            out.insert(crate::features::word_key(&c), k);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{tok_info, word_key};

    fn write(dir: &Path, name: &str, json: &str) -> std::path::PathBuf {
        let p = dir.join(name);
        if name.ends_with(".gz") {
            let f = std::fs::File::create(&p).unwrap();
            let mut z = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
            std::io::Write::write_all(&mut z, json.as_bytes()).unwrap();
            z.finish().unwrap();
        } else {
            std::fs::write(&p, json).unwrap();
        }
        p
    }

    #[test]
    fn clusters_load_plain_and_gzipped() {
        let dir = tempfile::tempdir().unwrap();
        let json = r#"{"Norland": 86, "norland": 0, "sudmark": 1165, "Sudmark": 1165,
            "valdor": 0, "Valdor": 7}"#;
        for name in ["c.json", "c.json.gz"] {
            let t = load_clusters(&write(dir.path(), name, json)).unwrap();
            // A cased key where the lowercase form has no cluster or another one; "Sudmark"
            // shares "sudmark"'s and is left to the lowercase key; no cluster 0.
            assert_eq!(t.len(), 3, "{name}");
            assert_eq!(t.get(&word_key("Norland")), Some(&86));
            assert_eq!(t.get(&word_key("Valdor")), Some(&7));
            assert_eq!(t.get(&lower_key("sudmark")), Some(&1165));
            assert!(!t.contains_key(&lower_key("valdor")));
        }
        let bad = write(dir.path(), "bad.json", "[1, 2]");
        let e = load_clusters(&bad).unwrap_err().to_string();
        assert!(e.contains("bad.json") && e.contains("JSON object"), "{e}");
    }

    #[test]
    fn only_words_unseen_in_training_read_their_cluster() {
        let dir = tempfile::tempdir().unwrap();
        let clusters = load_clusters(&write(
            dir.path(),
            "c.json",
            r#"{"sudmark": 1165, "talks": 1165}"#,
        ))
        .unwrap();
        // "talks" was seen in training (a NOUN bit in its ambiguity class), "Sudmark" was not.
        let mut amb = FxHashMap::default();
        amb.insert(lower_key("talks"), 1 << crate::model::Upos::NOUN.index());
        let (mut c, mut l, mut b) = (String::new(), String::new(), String::new());
        assert_eq!(
            tok_info("talks", &amb, &clusters, &mut c, &mut l, &mut b).cluster,
            0
        );
        // The cased form has no entry: the lowercase one is read.
        assert_eq!(
            tok_info("Sudmark", &amb, &clusters, &mut c, &mut l, &mut b).cluster,
            1165
        );
        assert_eq!(
            tok_info("Valdor", &amb, &clusters, &mut c, &mut l, &mut b).cluster,
            0
        );
    }
}
