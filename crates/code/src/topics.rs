//! Topics: what a sentence or an article is about (defence, cybersecurity, economy, …), from a topic
//! dictionary of plain phrases.
//!
//! The format (`dictionaries/dyad.topics.txt`) is one `[topic]` header per topic followed by its
//! phrases, one per line, in lower case; `#` starts a comment. A phrase matches a run of words whose
//! lemmas (or surface forms) equal its words, so "sanction" also matches "sanctioned" and
//! "sanctions". Hand-written because it is a dozen lines over a hash map.

use rustc_hash::FxHashMap;

/// A compiled topic dictionary.
#[derive(Debug, Clone, Default)]
pub struct Topics {
    names: Vec<String>,
    /// First word → (the phrase's words, topic index), longest phrases first.
    by_first: FxHashMap<String, Vec<(Vec<String>, usize)>>,
    phrases: usize,
}

/// A line of a topic file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {what}")]
pub struct TopicError {
    pub file: String,
    pub line: usize,
    pub what: String,
}

impl Topics {
    /// Reads a topic file's text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Topics, TopicError> {
        let mut t = Topics::default();
        let mut current: Option<usize> = None;
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[') {
                let Some(name) = name.strip_suffix(']') else {
                    return Err(TopicError {
                        file: file.into(),
                        line: n + 1,
                        what: format!("expected `[topic]`, found `{line}`"),
                    });
                };
                let name = name.trim().to_lowercase();
                let i = match t.names.iter().position(|x| *x == name) {
                    Some(i) => i,
                    None => {
                        t.names.push(name);
                        t.names.len() - 1
                    }
                };
                current = Some(i);
                continue;
            }
            let Some(topic) = current else {
                return Err(TopicError {
                    file: file.into(),
                    line: n + 1,
                    what: "a phrase before any `[topic]` header".into(),
                });
            };
            let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
            if let Some(first) = words.first() {
                t.by_first
                    .entry(first.clone())
                    .or_default()
                    .push((words, topic));
                t.phrases += 1;
            }
        }
        for v in t.by_first.values_mut() {
            v.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        Ok(t)
    }

    /// dyad's own topic dictionary, built into the binary.
    pub fn builtin() -> Topics {
        const TEXT: &str = include_str!("../../../dictionaries/dyad.topics.txt");
        // The built-in file is checked by a test: an error here is a build defect, and an empty
        // dictionary is the safe result.
        Topics::parse("dictionaries/dyad.topics.txt", TEXT).unwrap_or_default()
    }

    /// The topic names, in file order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of phrases.
    pub fn phrases(&self) -> usize {
        self.phrases
    }

    /// The topics of a sentence given its words as (lower-case surface, lower-case lemma) pairs, in
    /// file order, each once.
    pub fn find<S: AsRef<str>>(&self, words: &[(S, S)]) -> Vec<String> {
        let mut hit = vec![false; self.names.len()];
        for i in 0..words.len() {
            for key in [words[i].0.as_ref(), words[i].1.as_ref()] {
                let Some(cands) = self.by_first.get(key) else {
                    continue;
                };
                for (phrase, topic) in cands {
                    let ok = phrase.iter().enumerate().all(|(k, w)| {
                        words
                            .get(i + k)
                            .is_some_and(|(s, l)| s.as_ref() == w || l.as_ref() == w)
                    });
                    if ok {
                        hit[*topic] = true;
                        break;
                    }
                }
            }
        }
        self.names
            .iter()
            .zip(hit)
            .filter(|(_, h)| *h)
            .map(|(n, _)| n.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(String, String)> {
        s.split_whitespace()
            .map(|w| {
                let l = w.to_lowercase();
                let lemma = l.strip_suffix('s').unwrap_or(&l).to_string();
                (l, lemma)
            })
            .collect()
    }

    #[test]
    fn phrases_match_surface_or_lemma_and_errors_name_the_line() {
        let t = Topics::parse(
            "t.txt",
            "# x\n[energy]\noil\ngas pipeline\n[defence]\narm\n",
        )
        .unwrap();
        assert_eq!(t.names(), ["energy", "defence"]);
        assert_eq!(
            t.find(&words("New gas pipelines and arms")),
            ["energy", "defence"]
        );
        assert!(t.find(&words("gas prices")).is_empty());
        let e = Topics::parse("t.txt", "oil\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().starts_with("t.txt:1:"), "{e}");
        let e = Topics::parse("t.txt", "[energy\n").unwrap_err();
        assert!(e.what.contains("[topic]"), "{e}");
    }

    #[test]
    fn the_builtin_topics_load() {
        const TEXT: &str = include_str!("../../../dictionaries/dyad.topics.txt");
        let t = Topics::parse("dyad.topics.txt", TEXT).expect("built-in topics parse");
        for need in [
            "defence",
            "cybersecurity",
            "counter-terrorism",
            "counter-narcotics",
            "economy",
            "energy",
            "humanitarian",
            "elections",
        ] {
            assert!(t.names().iter().any(|n| n == need), "missing topic {need}");
        }
    }
}
