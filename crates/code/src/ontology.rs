//! The CAMEO event ontology: every code of CAMEO 1.1b3 with its name, Goldstein score, QuadClass and
//! PLOVER type and mode, read from `data/cameo.tsv` (a plain table, facts only).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

static TABLE: &str = include_str!("../data/cameo.tsv");

/// One CAMEO code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventType {
    pub code: String,
    pub name: String,
    pub goldstein: f64,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Current PLOVER type name (AGREE … ASSAULT); `None` for CAMEO 01 statements, which PLOVER drops.
    pub plover_type: Option<String>,
    pub plover_mode: Option<String>,
    pub plover_context: Option<String>,
}

impl EventType {
    /// The two-digit root code.
    pub fn root(&self) -> &str {
        &self.code[..2]
    }
}

/// The table, loaded once.
#[derive(Debug)]
pub struct Ontology {
    by_code: HashMap<String, EventType>,
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl Ontology {
    /// The built-in CAMEO table.
    pub fn cameo() -> &'static Ontology {
        static O: OnceLock<Ontology> = OnceLock::new();
        O.get_or_init(|| {
            Ontology::parse(TABLE)
                .unwrap_or_else(|e| panic!("built-in data/cameo.tsv is invalid: {e}"))
        })
    }

    /// Parses a table in the layout of `data/cameo.tsv`.
    pub fn parse(text: &str) -> Result<Ontology, String> {
        let mut by_code = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() || line.starts_with("code\t") {
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() < 7 {
                return Err(format!(
                    "line {}: expected 7 or 8 tab-separated columns, found {}",
                    n + 1,
                    c.len()
                ));
            }
            let goldstein = c[2]
                .parse()
                .map_err(|_| format!("line {}: bad Goldstein score {:?}", n + 1, c[2]))?;
            let quad_class = c[3]
                .parse()
                .map_err(|_| format!("line {}: bad QuadClass {:?}", n + 1, c[3]))?;
            by_code.insert(
                c[0].to_string(),
                EventType {
                    code: c[0].to_string(),
                    name: c[1].to_string(),
                    goldstein,
                    quad_class,
                    plover_type: opt(c[4]),
                    plover_mode: opt(c[5]),
                    plover_context: opt(c[6]),
                },
            );
        }
        Ok(Ontology { by_code })
    }

    /// Looks up a code; a code not in the table (a 4-digit code of a user's dictionary, say) falls
    /// back to its 3-digit parent, then to its root.
    pub fn get(&self, code: &str) -> Option<&EventType> {
        self.by_code
            .get(code)
            .or_else(|| code.get(..3).and_then(|c| self.by_code.get(c)))
            .or_else(|| code.get(..2).and_then(|c| self.by_code.get(c)))
    }

    /// Exact lookup, without falling back.
    pub fn exact(&self, code: &str) -> Option<&EventType> {
        self.by_code.get(code)
    }

    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    /// Every code, sorted.
    pub fn codes(&self) -> Vec<&EventType> {
        let mut v: Vec<_> = self.by_code.values().collect();
        v.sort_by(|a, b| a.code.cmp(&b.code));
        v
    }
}

/// Maps the older PLOVER names used in the gold-standard records to the current ones.
pub fn current_plover_name(name: &str) -> &str {
    match name {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_every_root_and_known_codes() {
        let o = Ontology::cameo();
        assert!(o.len() >= 300, "{} codes", o.len());
        for r in 1..=20 {
            let root = format!("{r:02}");
            assert!(o.exact(&root).is_some(), "root {root} missing");
        }
        let c = o.get("043").expect("043");
        assert_eq!(c.quad_class, 1);
        assert_eq!(c.plover_type.as_deref(), Some("CONSULT"));
        assert_eq!(c.goldstein, 2.8);
        let c = o.get("190").expect("190");
        assert_eq!((c.quad_class, c.goldstein), (4, -10.0));
        assert_eq!(
            o.get("0879").map(|c| c.code.as_str()),
            Some("087"),
            "falls back to the parent"
        );
        assert_eq!(o.get("010").and_then(|c| c.plover_type.clone()), None);
        assert_eq!(current_plover_name("DISAPPROVE"), "ACCUSE");
    }

    #[test]
    fn every_code_is_consistent() {
        for c in Ontology::cameo().codes() {
            let root: u8 = c.code[..2].parse().expect("numeric root");
            let expect = match root {
                1..=5 => 1,
                6..=9 => 2,
                10..=14 => 3,
                _ => 4,
            };
            assert_eq!(c.quad_class, expect, "{}", c.code);
            assert!((-10.0..=10.0).contains(&c.goldstein), "{}", c.code);
            if root != 1 {
                assert!(c.plover_type.is_some(), "{} has no PLOVER type", c.code);
            }
        }
    }
}
