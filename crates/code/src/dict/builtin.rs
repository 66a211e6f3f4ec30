//! dyad's own dictionaries: the plain text files of the repository's `dictionaries/` folder, built
//! into the binary so that `dyad code` works from any folder with no dictionary flags. They are
//! written in PETRARCH-2 syntax (see `dictionaries/README.md`) and read by the same reader as a
//! user's PETRARCH folder.

use super::{Dictionaries, LoadError, petrarch};

/// (name, text) of each built-in file; the names say what each file holds.
pub const FILES: &[(&str, &str)] = &[
    (
        "dictionaries/dyad.verbs.txt",
        include_str!("../../../../dictionaries/dyad.verbs.txt"),
    ),
    (
        "dictionaries/dyad.agents.txt",
        include_str!("../../../../dictionaries/dyad.agents.txt"),
    ),
    (
        "dictionaries/dyad.countries.actors.txt",
        include_str!("../../../../dictionaries/dyad.countries.actors.txt"),
    ),
    (
        "dictionaries/dyad.places.actors.txt",
        include_str!("../../../../dictionaries/dyad.places.actors.txt"),
    ),
    (
        "dictionaries/dyad.people.actors.txt",
        include_str!("../../../../dictionaries/dyad.people.actors.txt"),
    ),
    (
        "dictionaries/dyad.groups.actors.txt",
        include_str!("../../../../dictionaries/dyad.groups.actors.txt"),
    ),
    (
        "dictionaries/dyad.igo.actors.txt",
        include_str!("../../../../dictionaries/dyad.igo.actors.txt"),
    ),
];

/// Loads the built-in set.
pub fn load() -> Result<Dictionaries, LoadError> {
    let mut d = petrarch::load_texts(FILES)?;
    own_options(&mut d);
    Ok(d)
}

/// The options dyad's own dictionaries are written for.
pub fn own_options(d: &mut Dictionaries) {
    // dyad's own verbs are written for CAMEO's modality rules (see `engine::Options::modality`);
    // an event with a source and no target actor is kept (its target is empty), and an agent with
    // no country ("militants", "troops") is an actor of its own (`REB`, `MIL`), as in GDELT.
    d.options.push("SET: MODALITY TRUE".into());
    d.options.push("SET: REQUIRE DYAD FALSE".into());
    d.options.push("SET: CONVERT AGENTS TRUE".into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_dictionaries_load_cleanly() {
        let d = load().expect("built-in dictionaries load");
        assert!(
            d.warnings.is_empty(),
            "{:?}",
            &d.warnings[..d.warnings.len().min(5)]
        );
        let c = d.counts();
        assert!(c["actors"] >= 240, "{c:?}");
        assert!(c["agents"] >= 50, "{c:?}");
        assert!(c["verbs"] >= 100, "{c:?}");
    }
}
