//! Known news sources and dateline cities, and their time zones.
//!
//! Scraped pages print local times without an offset ("Updated December 2, 2021 07:38am"); the
//! outlet's home time zone, or failing that the dateline city's, gives the offset. The tables are plain
//! text files in `data/`, loaded once.

use std::collections::HashMap;
use std::sync::OnceLock;

static SOURCES: &str = include_str!("../data/sources.tsv");
static CITIES: &str = include_str!("../data/dateline_cities.tsv");

struct Tables {
    /// lower-cased source name or domain → (canonical name, time zone)
    sources: HashMap<String, (&'static str, chrono_tz::Tz)>,
    /// lower-cased city → time zone
    cities: HashMap<String, chrono_tz::Tz>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut sources = HashMap::new();
        for line in SOURCES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            if let [name, domains, tz, ..] = cols[..]
                && let Ok(tz) = tz.parse::<chrono_tz::Tz>()
            {
                sources.insert(name.to_lowercase(), (name, tz));
                for d in domains.split(',').filter(|d| !d.is_empty()) {
                    sources.insert(d.to_lowercase(), (name, tz));
                }
            }
        }
        let mut cities = HashMap::new();
        for line in CITIES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            if let Some((city, tz)) = line.split_once('\t')
                && let Ok(tz) = tz.trim().parse::<chrono_tz::Tz>()
            {
                cities.insert(city.to_lowercase(), tz);
            }
        }
        Tables { sources, cities }
    })
}

/// The time zone of a source, by name ("Dawn") or web domain ("dawn.com").
pub fn source_tz(name: &str) -> Option<chrono_tz::Tz> {
    tables()
        .sources
        .get(&name.trim().to_lowercase())
        .map(|x| x.1)
}

/// The canonical name of a source given by web domain or URL host ("www.dawn.com" → "Dawn").
pub fn source_for_host(host: &str) -> Option<&'static str> {
    let h = host.trim().trim_start_matches("www.").to_lowercase();
    tables().sources.get(&h).map(|x| x.0)
}

/// The time zone of a dateline city ("ISLAMABAD").
pub fn city_tz(city: &str) -> Option<chrono_tz::Tz> {
    tables().cities.get(&city.trim().to_lowercase()).copied()
}

/// The host of a URL, without scheme, port or path.
pub fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map(|x| x.1)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |x| x.1);
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_sources_and_cities() {
        assert_eq!(source_tz("Dawn"), Some(chrono_tz::Asia::Karachi));
        assert_eq!(source_for_host("www.dawn.com"), Some("Dawn"));
        assert_eq!(city_tz("MOSCOW"), Some(chrono_tz::Europe::Moscow));
        assert_eq!(
            url_host("https://www.example.org:8080/a/b?c"),
            Some("www.example.org")
        );
    }
}
