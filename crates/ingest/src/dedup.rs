//! Near-duplicate articles: the same wire story republished by several outlets, with a different
//! headline, a trimmed last paragraph or a changed byline.
//!
//! Each article's body is cut into word 5-shingles; a one-permutation MinHash (one hash per shingle,
//! [`K`] bins, empty bins filled from their neighbours) estimates the Jaccard similarity of two bodies.
//! An LSH index ([`BANDS`] bands of [`ROWS`] rows) finds candidates in constant time per article, and a
//! candidate is a duplicate when its estimated similarity is at least [`Deduper::threshold`].
//! Hand-written because the MinHash crates on crates.io either pull in large dependency trees or hash
//! every shingle K times; this costs one hash per shingle.

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_64;

/// Number of MinHash bins.
pub const K: usize = 64;
/// LSH bands and rows per band (BANDS * ROWS = K).
pub const BANDS: usize = 16;
pub const ROWS: usize = 4;
/// Words per shingle.
const SHINGLE: usize = 5;

/// A MinHash signature of an article body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(pub [u32; K]);

impl Fingerprint {
    /// Fingerprints a text (normally the article body).
    pub fn of(text: &str) -> Option<Fingerprint> {
        // The lower-cased words, each followed by one space, in one buffer; a shingle is then a
        // slice of it ("w1 w2 w3 w4 w5 "), hashed in place.
        let mut lower = String::with_capacity(text.len() + 16);
        let mut ends: Vec<usize> = Vec::with_capacity(text.len() / 4);
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            if w.is_ascii() {
                lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                lower.push_str(&w.to_lowercase());
            }
            lower.push(' ');
            ends.push(lower.len());
        }
        if ends.is_empty() {
            return None;
        }
        let mut bins = [u64::MAX; K];
        let n = if ends.len() >= SHINGLE {
            ends.len() - SHINGLE + 1
        } else {
            1
        };
        let bytes = lower.as_bytes();
        for i in 0..n {
            let start = if i == 0 { 0 } else { ends[i - 1] };
            let end = ends[(i + SHINGLE).min(ends.len()) - 1];
            let h = xxh3_64(&bytes[start..end]);
            let bin = (h % K as u64) as usize;
            let v = h / K as u64;
            if v < bins[bin] {
                bins[bin] = v;
            }
        }
        // Densify: an empty bin takes the value of the next non-empty bin to its right (circularly),
        // salted with the distance so that two empty bins do not agree by construction.
        let mut out = [0u32; K];
        for (i, slot) in out.iter_mut().enumerate() {
            let mut j = i;
            let mut dist = 0u64;
            while bins[j] == u64::MAX {
                j = (j + 1) % K;
                dist += 1;
                if dist as usize >= K {
                    break;
                }
            }
            let v = bins[j].wrapping_add(dist.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            *slot = (v ^ (v >> 32)) as u32;
        }
        Some(Fingerprint(out))
    }

    /// Estimated Jaccard similarity of the two bodies' shingle sets.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / K as f64
    }

    fn band_key(&self, band: usize) -> u64 {
        let mut h = band as u64;
        for &v in &self.0[band * ROWS..(band + 1) * ROWS] {
            h = h.wrapping_mul(0x100_0000_01B3).wrapping_add(v as u64);
        }
        h
    }
}

/// An index of the articles seen so far.
#[derive(Debug)]
pub struct Deduper {
    /// Minimum estimated Jaccard similarity for a duplicate.
    pub threshold: f64,
    prints: Vec<(String, Fingerprint)>,
    bands: Vec<HashMap<u64, Vec<u32>>>,
}

impl Default for Deduper {
    fn default() -> Self {
        Deduper::new(0.7)
    }
}

impl Deduper {
    pub fn new(threshold: f64) -> Deduper {
        Deduper {
            threshold,
            prints: Vec::new(),
            bands: (0..BANDS).map(|_| HashMap::new()).collect(),
        }
    }

    /// Checks `text` against everything seen. Returns the id of the earlier article it duplicates
    /// (and its similarity), or records it under `id` and returns `None`.
    pub fn check(&mut self, id: &str, text: &str) -> Option<(String, f64)> {
        let fp = Fingerprint::of(text)?;
        let mut best: Option<(u32, f64)> = None;
        for b in 0..BANDS {
            if let Some(cands) = self.bands[b].get(&fp.band_key(b)) {
                for &c in cands {
                    let s = fp.similarity(&self.prints[c as usize].1);
                    if s >= self.threshold && best.is_none_or(|(_, bs)| s > bs) {
                        best = Some((c, s));
                    }
                }
            }
        }
        if let Some((c, s)) = best {
            return Some((self.prints[c as usize].0.clone(), s));
        }
        let idx = self.prints.len() as u32;
        for b in 0..BANDS {
            self.bands[b].entry(fp.band_key(b)).or_default().push(idx);
        }
        self.prints.push((id.to_string(), fp));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The foreign ministers of the two countries met in the capital on Monday and agreed to \
        reopen their embassies, restore direct flights and resume trade talks that broke down two years ago. \
        The ministers also discussed the situation on the shared border, where clashes killed several \
        soldiers last spring, and said a joint commission would meet next month to settle the dispute. \
        Officials on both sides described the meeting as constructive and said a summit could follow.";

    #[test]
    fn republished_story_is_a_duplicate() {
        let mut d = Deduper::default();
        assert_eq!(d.check("a", STORY), None);
        let edited = format!(
            "{} Reporting by a staff correspondent.",
            STORY.replace("on Monday", "on Monday evening")
        );
        let hit = d.check("b", &edited).expect("near-duplicate found");
        assert_eq!(hit.0, "a");
        assert!(hit.1 >= 0.7);
    }

    /// The plain form of the shingle hashing: one String per word, one per shingle.
    fn bins_by_words(text: &str) -> [u64; K] {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut bins = [u64::MAX; K];
        let n = words.len().saturating_sub(SHINGLE - 1).max(1);
        for i in 0..n {
            let mut buf = String::new();
            for w in &words[i..(i + SHINGLE).min(words.len())] {
                buf.push_str(w);
                buf.push(' ');
            }
            let h = xxh3_64(buf.as_bytes());
            let bin = (h % K as u64) as usize;
            bins[bin] = bins[bin].min(h / K as u64);
        }
        bins
    }

    #[test]
    fn fingerprint_hashes_the_lower_cased_word_shingles() {
        for text in [
            STORY,
            "Three short words",
            "\u{c9}MIGR\u{c9}S \u{e0} Z\u{fc}rich: \u{201c}\u{39f}\u{394}\u{39f}\u{3a3}\u{201d} met K\u{f6}ln's \u{130}stanbul team, 2-1.",
        ] {
            let fp = Fingerprint::of(text).expect("words");
            // Densified from the same bins.
            let bins = bins_by_words(text);
            for (i, slot) in fp.0.iter().enumerate() {
                if bins[i] != u64::MAX {
                    let v = bins[i];
                    assert_eq!(*slot, (v ^ (v >> 32)) as u32, "{text}: bin {i}");
                }
            }
        }
        assert_eq!(Fingerprint::of(" -- ,"), None);
    }

    #[test]
    fn different_stories_are_not() {
        let mut d = Deduper::default();
        assert_eq!(d.check("a", STORY), None);
        let other = "Heavy rain flooded low-lying districts of the port city on Saturday, forcing thousands of \
            families from their homes, as rescue teams used boats to reach people stranded on rooftops and the \
            weather service warned of more storms over the coming week across the coastal provinces.";
        assert_eq!(d.check("b", other), None);
    }
}
