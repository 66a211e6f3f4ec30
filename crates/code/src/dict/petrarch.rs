//! PETRARCH dictionaries, both generations, from a folder: the verbs file (`*verbs*` or
//! `CAMEO*.txt`), actors (`*actors*`, several allowed), agents, discards and issues.
//!
//! The generation is detected from the verbs file: PETRARCH-2 (the Phoenix `CAMEO.2.0.txt`) groups
//! pattern words into prepositional phrases `(…)` and noun phrases `{…}`; PETRARCH-1 (the
//! `PETR.Validate.*` files) does not.

use std::path::Path;

use super::lines::{self, Dialect};
use super::{Dictionaries, Elem, LoadError, Syntax, find_files, read_text};

/// Loads every dictionary file PETRARCH would from `dir`.
pub fn load_dir(dir: &Path) -> Result<Dictionaries, LoadError> {
    if !dir.is_dir() {
        return Err(LoadError::Layout(format!(
            "{}: expected a folder of PETRARCH dictionaries",
            dir.display()
        )));
    }
    // PETRARCH names its files `*.txt`; a TABARI `.verbs` file in the same folder is not read.
    let paths = find_files(dir, |n| n.ends_with(".txt"))?;
    let mut texts = Vec::with_capacity(paths.len());
    for p in &paths {
        texts.push((p.display().to_string(), read_text(p)?));
    }
    let named: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let mut d = load_texts(&named).map_err(|e| match e {
        LoadError::Layout(m) => LoadError::Layout(format!("{}: {m}", dir.display())),
        other => other,
    })?;
    d.files = paths
        .into_iter()
        .filter(|p| kind(&p.display().to_string()).is_some())
        .collect();
    Ok(d)
}

/// What a dictionary file holds, from its name.
fn kind(name: &str) -> Option<&'static str> {
    let n = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_lowercase();
    if !n.ends_with(".txt") {
        return None;
    }
    if n.contains("verbs") || n.starts_with("cameo") {
        Some("verbs")
    } else if n.contains("actors") {
        Some("actors")
    } else if n.contains("agents") {
        Some("agents")
    } else if n.contains("discards") {
        Some("discards")
    } else if n.contains("issue") {
        Some("issues")
    } else {
        None
    }
}

/// Loads a PETRARCH-syntax dictionary set from (file name, text) pairs, each classified by its name
/// as a folder's files are (`*verbs*`/`CAMEO*`, `*actors*`, `*agents*`, `*discards*`, `*issue*`;
/// names end in `.txt`). This is how dyad's own dictionaries, built into the binary, are read.
pub fn load_texts(files: &[(&str, &str)]) -> Result<Dictionaries, LoadError> {
    let of = |k: &'static str| files.iter().filter(move |(n, _)| kind(n) == Some(k));
    if of("verbs").next().is_none() {
        return Err(LoadError::Layout(
            "no verbs dictionary (a file named *verbs* or CAMEO*.txt)".into(),
        ));
    }
    let mut d = Dictionaries::empty(Syntax::Petrarch1);
    for (name, t) in of("verbs") {
        lines::read_verbs(t, name, Dialect::Petrarch, &mut d)?;
    }
    let p2 = d.verbs.iter().any(|v| {
        v.patterns.iter().any(|p| {
            p.elems
                .iter()
                .any(|e| matches!(e, Elem::PrepGroup(_) | Elem::NounGroup(_)))
        })
    });
    if p2 {
        d.syntax = Syntax::Petrarch2;
    }
    for (name, t) in of("actors") {
        lines::read_actors(t, name, Dialect::Petrarch, &mut d)?;
    }
    for (name, t) in of("agents") {
        lines::read_agents(t, name, Dialect::Petrarch, &mut d)?;
    }
    for (name, t) in of("discards") {
        lines::read_discards(t, name, &mut d)?;
    }
    for (name, t) in of("issues") {
        lines::read_issues(t, name, &mut d)?;
    }
    d.files = files
        .iter()
        .filter(|(n, _)| kind(n).is_some())
        .map(|(n, _)| std::path::PathBuf::from(n))
        .collect();
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::super::EventCode;
    use super::*;

    #[test]
    fn reads_a_petrarch_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let w =
            |name: &str, text: &str| std::fs::write(tmp.path().join(name), text).expect("write");
        w(
            "T.verbs.txt",
            "<!-- a comment\n spanning lines -->\n&PLACES\n+CAPITAL\n+BORDER_TOWN\n\n--- MEET [040] ---\nMEET {MET MEETING MEETS}\nCONFER  # talk\n- * (WITH +) [042]\n- $ * &PLACES [043] # c\n\n--- RUSH [---] ---\nRUSH\n- * AID [070]\n",
        );
        w(
            "T.actors.txt",
            "NORLAND_ [NRL]\nKING_OLAF_\n+OLAF_II_\n\t[NRLGOV 20010101-20101231]\n\t[NRLELI]\n",
        );
        w(
            "T.agents.txt",
            "!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n",
        );
        w("T.discards.txt", "BASEBALL\n+TYPHOON # story\n");
        let d = load_dir(tmp.path()).expect("loads");
        assert_eq!(d.syntax, Syntax::Petrarch2);
        assert_eq!(d.verbs.len(), 2);
        assert_eq!(d.verbs[0].members.len(), 2);
        assert_eq!(d.verbs[0].members[0].forms.len(), 3);
        assert_eq!(d.verbs[1].code, EventCode::Null);
        assert_eq!(d.synsets["PLACES"].len(), 2);
        assert_eq!(d.actors.len(), 2);
        assert_eq!(d.actors[1].phrases.len(), 2);
        assert_eq!(d.actors[1].codes.len(), 2);
        assert_eq!(d.agents[0].phrases.len(), 2, "macro expanded");
        assert_eq!(d.agents[1].phrases.len(), 2, "explicit plural");
        assert_eq!(d.discards.iter().filter(|x| x.story).count(), 1);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            tmp.path().join("x.verbs.txt"),
            "--- MEET [040] ---\nMEET\n- * WITH + [04 @]\n",
        )
        .expect("write");
        let d = load_dir(tmp.path()).expect("loads the rest");
        assert!(
            d.warnings
                .iter()
                .any(|w| w.contains("x.verbs.txt:3") && w.contains("event code")),
            "{:?}",
            d.warnings
        );
        let missing = load_dir(&tmp.path().join("nope")).expect_err("no folder");
        assert!(missing.to_string().contains("nope"));
    }
}
