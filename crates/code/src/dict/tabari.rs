//! TABARI dictionaries: a `.project` file names the `.actors`, `.agents`, `.verbs` and `.options`
//! files (paths relative to the project's folder); see the TABARI 0.8 manual, chapters 4–8.

use std::path::Path;

use super::lines::{self, Dialect};
use super::{Dictionaries, LoadError, Syntax, read_text};

/// The files a `.project` names.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Project {
    pub actors: Vec<String>,
    pub agents: Vec<String>,
    pub verbs: Vec<String>,
    pub options: Vec<String>,
    pub text: Vec<String>,
}

/// Reads the `<tag> value` lines of a `.project` file.
pub fn parse_project(text: &str) -> Project {
    let mut p = Project::default();
    for line in text.lines() {
        let t = line.trim();
        let Some(rest) = t.strip_prefix('<') else {
            continue;
        };
        let Some((tag, value)) = rest.split_once('>') else {
            continue;
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            continue;
        }
        match tag.trim().to_ascii_lowercase().as_str() {
            "actorsfile" => p.actors.push(value),
            "agentsfile" => p.agents.push(value),
            "verbsfile" => p.verbs.push(value),
            "optionsfile" => p.options.push(value),
            "textfile" => p.text.push(value),
            _ => {}
        }
    }
    p
}

/// Loads the dictionaries a `.project` names.
pub fn load_project(project: &Path) -> Result<Dictionaries, LoadError> {
    let text = read_text(project)?;
    let p = parse_project(&text);
    let dir = project.parent().unwrap_or(Path::new("."));
    if p.actors.is_empty() || p.verbs.is_empty() {
        return Err(LoadError::Layout(format!(
            "{}: expected <actorsfile> and <verbsfile> lines naming the dictionaries",
            project.display()
        )));
    }
    let mut d = Dictionaries::empty(Syntax::Tabari);
    d.files.push(project.to_path_buf());
    for f in &p.actors {
        let path = dir.join(f);
        let t = read_text(&path)?;
        lines::read_actors(&t, &path.display().to_string(), Dialect::Tabari, &mut d)?;
        d.files.push(path);
    }
    for f in &p.agents {
        let path = dir.join(f);
        let t = read_text(&path)?;
        lines::read_agents(&t, &path.display().to_string(), Dialect::Tabari, &mut d)?;
        d.files.push(path);
    }
    for f in &p.verbs {
        let path = dir.join(f);
        let t = read_text(&path)?;
        lines::read_verbs(&t, &path.display().to_string(), Dialect::Tabari, &mut d)?;
        d.files.push(path);
    }
    for f in &p.options {
        let path = dir.join(f);
        let t = read_text(&path)?;
        d.options.extend(parse_options(&t));
        d.files.push(path);
    }
    Ok(d)
}

/// The commands of an `.options` file (or of a record's `{ OPTION: … }`), comments dropped.
pub fn parse_options(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';'))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{Attach, DateRestriction, EventCode};
    use super::*;

    const ACTORS: &str = "<NOUN>\nGOATS\nFORCES_ ; a noun\n</NOUN>\n<ADJECTIVE>\nGOOD\n</ADJECTIVE>\nNORLAND [NRL]\nSUDMARK_ [SDM] ; comment\n+SUDMARKIAN\n\
VALDOR\n+VALDORIAN\n  [VLD <950601]\n  [VLDGOV 950601-990815]\n  [VLDREB]\n# commented [XXX]\nTWIN_CITIES [NRL/SDM]\n~FINISH\nIGNORED [ZZZ]\n";

    #[test]
    fn reads_actors_with_synonyms_dates_and_sections() {
        let mut d = Dictionaries::empty(Syntax::Tabari);
        lines::read_actors(ACTORS, "t.actors", Dialect::Tabari, &mut d).expect("reads");
        assert_eq!(d.nouns.len(), 2);
        assert_eq!(d.adjectives.len(), 1);
        assert_eq!(d.actors.len(), 4);
        let v = &d.actors[2];
        assert_eq!(v.phrases.len(), 2);
        assert_eq!(v.codes.len(), 3);
        assert!(matches!(v.codes[0].when, DateRestriction::Until(_)));
        let on = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(v.codes_on(on("1994-01-01")), Some(&["VLD".to_string()][..]));
        assert_eq!(
            v.codes_on(on("1997-01-01")),
            Some(&["VLDGOV".to_string()][..])
        );
        assert_eq!(
            v.codes_on(on("2005-01-01")),
            Some(&["VLDREB".to_string()][..])
        );
        assert_eq!(d.actors[3].codes[0].codes, vec!["NRL", "SDM"]);
        assert!(d.actors[1].phrases[0][0].exact);
    }

    #[test]
    fn actor_errors_name_file_and_line() {
        let mut d = Dictionaries::empty(Syntax::Tabari);
        lines::read_actors(
            "NORLAND [NRL\nSUDMARK [SDM]\nLONELY\n",
            "bad.actors",
            Dialect::Tabari,
            &mut d,
        )
        .expect("loads the rest");
        assert_eq!(d.actors.len(), 1, "the good line still loads");
        assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
        assert!(
            d.warnings[0].contains("bad.actors:1") && d.warnings[0].contains("expected"),
            "{:?}",
            d.warnings
        );
        assert!(
            d.warnings[1].contains("bad.actors:3") && d.warnings[1].contains("actor code"),
            "{:?}",
            d.warnings
        );
    }

    #[test]
    fn reads_agents_and_verbs() {
        let mut d = Dictionaries::empty(Syntax::Tabari);
        lines::read_agents(
            "FOREIGN_MINISTER_ [~GOVFRM]\nHUMAN_RIGHTS_BODY_ [NGO~] ;x\n",
            "t.agents",
            Dialect::Tabari,
            &mut d,
        )
        .expect("agents");
        assert_eq!(d.agents[1].attach, Attach::Prefix);
        lines::read_agents("POLICE [COP]\n", "t.agents", Dialect::Tabari, &mut d).expect("reads");
        assert!(
            d.warnings
                .iter()
                .any(|w| w.contains("t.agents:1") && w.contains("`~`")),
            "{:?}",
            d.warnings
        );
        let verbs = "<SYNSETS>\n&TIES\n+MILITARY\n+TRADE_LINKS\n</SYNSETS>\n<TIME>\nYESTERDAY [-1]\nSOME_DAY [---]\n</TIME>\n\
MEET [040]\n{ MET_ MEETING_ }\n- * WITH + [042] ;c\n- $ * &TIES FOREVER [043]\nCONDEMN [111]\n- * +_ATTACK [112?]\nVISIT [042:043]\n";
        lines::read_verbs(verbs, "t.verbs", Dialect::Tabari, &mut d).expect("verbs");
        assert_eq!(d.synsets["TIES"].len(), 2);
        assert_eq!(d.time.len(), 2);
        assert_eq!(d.time[0].days, -1);
        assert_eq!(d.verbs.len(), 3);
        assert_eq!(d.verbs[0].members[0].forms.len(), 2);
        assert_eq!(d.verbs[0].patterns.len(), 2);
        assert_eq!(
            d.verbs[0].patterns[0].text, "$ * &TIES FOREVER",
            "longest first"
        );
        assert!(
            matches!(&d.verbs[2].code, EventCode::Code { paired: Some(p), .. } if p == "043"),
            "{:?}",
            d.verbs
                .iter()
                .map(|v| (&v.block, &v.code))
                .collect::<Vec<_>>()
        );
        lines::read_verbs("- * TO + [042]\n", "x.verbs", Dialect::Tabari, &mut d).expect("reads");
        assert!(
            d.warnings
                .iter()
                .any(|w| w.contains("x.verbs:1") && w.contains("verb before")),
            "{:?}",
            d.warnings
        );
    }
}
