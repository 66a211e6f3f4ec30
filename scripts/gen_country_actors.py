#!/usr/bin/env python3
"""Generates dictionaries/dyad.countries.actors.txt, dyad's country actor dictionary.

Sources (install them with the ordinary package managers):
  * iso-codes (Debian/Ubuntu package `iso-codes`, LGPL-2.1+ data):
    /usr/share/iso-codes/json/iso_3166-1.json -- every ISO 3166-1 country with its
    alpha-3 code, short name, official name and common name.
  * countryinfo (PyPI `countryinfo`, MIT): demonyms, capitals and populations
    (the population only breaks ties when two countries claim the same word).
  * The HAND_* tables below: facts typed for the project (common short names,
    major cities, government metonyms, words to leave out).

CAMEO country codes are the ISO 3166-1 alpha-3 codes (CAMEO's convention for
almost all countries); the one addition is Kosovo, which has no ISO code and is
KSV in CAMEO.

Usage:  python3 scripts/gen_country_actors.py [OUTPUT]
        (default OUTPUT: dictionaries/dyad.countries.actors.txt next to this script)
"""

import json
import os
import re
import sys
import unicodedata

ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

# --- hand data (facts) ------------------------------------------------------

# Extra names for a country: short names, former names, abbreviations, demonyms
# that the packages lack. Codes are ISO alpha-3.
HAND_NAMES = {
    "USA": ["United States", "United States of America", "U.S.", "U.S.A.", "USA",
            "America", "American"],
    "GBR": ["United Kingdom", "Britain", "Great Britain", "UK", "U.K.", "British",
            "Briton", "Brit", "England", "Scotland", "Scottish", "Scot", "Northern Ireland",
            "Northern Irish"],
    "RUS": ["Russia", "Russian", "Russian Federation", "Chechen",
            # the Soviet Union, whose successor state Russia is (news archives before 1992)
            "Soviet Union", "Soviet", "USSR", "U.S.S.R."],
    "IRN": ["Iran", "Iranian", "Islamic Republic of Iran"],
    "SYR": ["Syria", "Syrian"],
    "KOR": ["South Korea", "Republic of Korea", "South Korean", "ROK", "S. Korea", "S. Korean"],
    "PRK": ["North Korea", "North Korean", "DPRK", "Democratic People's Republic of Korea",
            "N. Korea", "N. Korean"],
    "LAO": ["Laos", "Lao", "Laotian"],
    "VNM": ["Vietnam", "Viet Nam", "Vietnamese"],
    "CZE": ["Czechia", "Czech Republic", "Czech"],
    "TUR": ["Turkey", "Türkiye", "Turkish", "Turk"],
    "CIV": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Ivorian"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of Congo",
            "Democratic Republic of the Congo", "Congo-Kinshasa", "Congolese", "Congo",
            "Zaire"],
    "COG": ["Republic of Congo", "Republic of the Congo", "Congo-Brazzaville"],
    "BOL": ["Bolivia", "Bolivian"],
    "VEN": ["Venezuela", "Venezuelan"],
    "TZA": ["Tanzania", "Tanzanian"],
    "MDA": ["Moldova", "Moldovan"],
    "FSM": ["Micronesia", "Micronesian"],
    "PSE": ["Palestine", "Palestinian", "Palestinian Territories",
            "Occupied Palestinian Territories", "State of Palestine", "West Bank", "Gaza",
            "Gaza Strip"],
    "TWN": ["Taiwan", "Taiwanese"],
    "VAT": ["Vatican", "Holy See", "Vatican City"],
    "MKD": ["North Macedonia", "Macedonia", "Macedonian"],
    "SWZ": ["Eswatini", "Swaziland", "Swazi"],
    "CPV": ["Cape Verde", "Cabo Verde", "Cape Verdean"],
    "TLS": ["East Timor", "Timor-Leste", "Timorese"],
    "MMR": ["Myanmar", "Burma", "Burmese"],
    "BRN": ["Brunei", "Bruneian"],
    "KNA": ["St Kitts and Nevis", "Saint Kitts and Nevis", "St Kitts", "Saint Kitts"],
    "VCT": ["St Vincent and the Grenadines", "Saint Vincent and the Grenadines"],
    "LCA": ["St Lucia", "Saint Lucia"],
    "FLK": ["Falklands", "Falkland Islands"],
    "MAC": ["Macau", "Macao"],
    "HKG": ["Hong Kong"],
    "NLD": ["Netherlands", "Holland", "Dutch"],
    "BHS": ["Bahamas", "Bahamian"],
    "GMB": ["Gambia", "Gambian"],
    "ARE": ["United Arab Emirates", "UAE", "U.A.E.", "Emirates", "Emirati"],
    "AFG": ["Afghan"],
    "PAK": ["Pakistani"],
    "SAU": ["Saudi Arabia", "Saudi", "Saudi Arabian", "KSA"],
    "CHN": ["China", "Chinese", "People's Republic of China", "PRC"],
    "DEU": ["Germany", "German"],
    "FRA": ["France", "French"],
    "ZAF": ["South Africa", "South African"],
    "REU": ["Reunion Island", "Réunion Island"],
    "JEY": ["Bailiwick of Jersey"],
    "GEO": ["Republic of Georgia"],
    "JOR": ["Jordan", "Jordanian"],
    "VGB": ["British Virgin Islands"],
    "VIR": ["U.S. Virgin Islands", "US Virgin Islands"],
    "PHL": ["Philippines", "Filipino", "Filipina", "Philippine"],
    "GRC": ["Greece", "Greek"],
    "CHE": ["Switzerland", "Swiss"],
    "NZL": ["New Zealand", "New Zealander"],
    "BIH": ["Bosnia", "Bosnia and Herzegovina", "Bosnian", "Bosniak"],
    "SSD": ["South Sudan", "South Sudanese"],
    "CAF": ["Central African Republic"],
    # Demonyms and short names the packages lack (checked against the generated files first).
    # Left out as ambiguous once upper-cased: POLE (North Pole, poles), FINN (a given name),
    # ENGLISH (the language), KIWI, AUSSIE, PERSIAN (Persian Gulf), AFGHANI (the currency),
    # PNG (the image format), LANKAN.
    "KAZ": ["Kazakh"],
    "TJK": ["Tajik", "Tajikistani"],
    "UZB": ["Uzbek"],
    "KGZ": ["Kyrgyz", "Kyrgyzstani"],
    # The Federal Republic of Yugoslavia (1992-2003) was Serbia and Montenegro; Serbia is its
    # successor state.
    "SRB": ["Serb", "Yugoslavia", "Yugoslav", "Federal Republic of Yugoslavia"],
    "HRV": ["Croat"],
    "SVN": ["Slovenian"],
    "SVK": ["Slovakian"],
    "POL": ["Poles"],
    "AZE": ["Azeri"],
    "NPL": ["Nepali"],
    "ARG": ["Argentine", "Argentinian"],
    "DNK": ["Dane"],
    "SWE": ["Swede"],
    "FIN": ["Finns"],
    "ISL": ["Icelandic"],
    "BLR": ["Belarussian", "Byelorussian"],
    "ESP": ["Spaniard"],
    "LUX": ["Luxembourgish"],
    "SOM": ["Somalian"],
    "DJI": ["Djiboutian"],
    "BWA": ["Batswana"],
    "LSO": ["Basotho"],
    "COM": ["Comorian"],
    "MDV": ["Maldivian"],
    "SLV": ["Salvadorean"],
    "ECU": ["Ecuadorian"],
    "SUR": ["Surinamese"],
    "GNB": ["Bissau-Guinean"],
    "ATG": ["Antiguan"],
    "BFA": ["Burkina", "Upper Volta"],
    # Former names that news archives use.
    "KHM": ["Kampuchea", "Kampuchean"],
    "ZWE": ["Rhodesia", "Rhodesian"],
    "LKA": ["Ceylon"],
    "BEN": ["Dahomey"],
    "TTO": ["Trinidad"],
}

# Kosovo: no ISO 3166-1 entry; CAMEO code KSV.
EXTRA_COUNTRIES = [
    ("KSV", "Kosovo", ["Kosovar", "Republic of Kosovo", "Pristina", "Prishtina"]),
]

# Major cities other than the capital (G20 + Pakistan, Afghanistan, Iran, Israel, Ukraine).
HAND_CITIES = {
    "ARG": ["Buenos Aires", "Cordoba", "Rosario", "Mendoza"],
    "AUS": ["Canberra", "Sydney", "Melbourne", "Brisbane"],
    "BRA": ["Brasilia", "Sao Paulo", "São Paulo", "Rio de Janeiro", "Belo Horizonte"],
    "CAN": ["Ottawa", "Toronto", "Montreal", "Vancouver"],
    "FRA": ["Paris", "Marseille", "Lyon", "Toulouse"],
    "DEU": ["Berlin", "Hamburg", "Munich", "Frankfurt"],
    "IND": ["New Delhi", "Delhi", "Mumbai", "Kolkata", "Chennai", "Bengaluru"],
    "IDN": ["Jakarta", "Surabaya", "Bandung", "Medan"],
    "ITA": ["Rome", "Milan", "Naples", "Turin"],
    "JPN": ["Tokyo", "Osaka", "Yokohama", "Kyoto"],
    "KOR": ["Seoul", "Busan", "Incheon", "Daegu"],
    "MEX": ["Mexico City", "Guadalajara", "Monterrey", "Tijuana"],
    "RUS": ["Moscow", "St Petersburg", "St. Petersburg", "Saint Petersburg",
            "Novosibirsk", "Yekaterinburg"],
    "SAU": ["Riyadh", "Jeddah", "Mecca", "Medina"],
    "ZAF": ["Pretoria", "Cape Town", "Johannesburg", "Durban"],
    "TUR": ["Ankara", "Istanbul", "Izmir"],
    "GBR": ["London", "Manchester", "Birmingham", "Edinburgh"],
    "USA": ["Washington", "New York", "Los Angeles", "Chicago"],
    "PAK": ["Islamabad", "Karachi", "Lahore", "Peshawar", "Rawalpindi"],
    "AFG": ["Kabul", "Kandahar", "Herat", "Jalalabad", "Mazar-i-Sharif"],
    "IRN": ["Tehran", "Isfahan", "Mashhad", "Tabriz"],
    "ISR": ["Jerusalem", "Tel Aviv", "Haifa", "Beersheba"],
    "UKR": ["Kyiv", "Kiev", "Kharkiv", "Kharkov", "Odesa", "Odessa", "Lviv", "Donetsk", "Luhansk",
            "Lugansk", "Mariupol", "Kherson", "Zaporizhzhia", "Dnipro"],
    # Cities that news of conflicts and crises names without their country: former capitals,
    # largest cities and war-torn towns. Words that are also common English words or shared
    # with other well-known places are left out (Tyre, Tripoli in Lebanon, Alexandria, Nice).
    "IRQ": ["Basra", "Basrah", "Mosul", "Kirkuk", "Fallujah", "Falluja", "Ramadi", "Tikrit",
            "Samarra", "Najaf", "Karbala", "Baquba", "Baqubah", "Erbil", "Irbil", "Sulaimaniya",
            "Sulaymaniyah"],
    "SYR": ["Aleppo", "Homs", "Hama", "Idlib", "Raqqa", "Deir ez-Zor", "Deir al-Zor", "Latakia",
            "Daraa", "Deraa", "Palmyra", "Qamishli"],
    "LBN": ["Sidon", "Baalbek"],
    "PSE": ["Ramallah", "Gaza City", "Hebron", "Nablus", "Jenin", "Bethlehem", "Jericho",
            "Khan Younis", "Rafah", "Tulkarm", "Qalqilya"],
    "EGY": ["Port Said", "Luxor", "Aswan", "Sharm el-Sheikh", "Ismailia"],
    "YEM": ["Aden", "Hodeidah", "Hudaydah", "Taiz", "Marib", "Mukalla"],
    "LBY": ["Benghazi", "Misrata", "Misurata", "Sirte"],
    "SOM": ["Kismayo", "Baidoa", "Hargeisa"],
    "SDN": ["Omdurman", "Port Sudan", "El Fasher", "Nyala"],
    "NGA": ["Lagos", "Kano", "Maiduguri", "Port Harcourt", "Kaduna", "Ibadan"],
    "CIV": ["Abidjan", "Bouake"],
    "KEN": ["Mombasa", "Kisumu"],
    "TZA": ["Dar es Salaam", "Zanzibar"],
    "COD": ["Goma", "Bukavu", "Lubumbashi", "Kisangani"],
    "MMR": ["Yangon", "Rangoon", "Mandalay"],
    "LKA": ["Jaffna", "Trincomalee"],
    "BIH": ["Srebrenica", "Gorazde", "Mostar", "Tuzla", "Banja Luka", "Bihac"],
    "HRV": ["Vukovar", "Knin"],
    "KSV": ["Mitrovica"],
    "COL": ["Medellin", "Medellín", "Cali"],
    "PHL": ["Davao", "Cebu", "Marawi", "Zamboanga"],
    "VNM": ["Ho Chi Minh City", "Saigon"],
    "KAZ": ["Almaty", "Astana"],
    "DZA": ["Oran"],
    "GEO": ["Tskhinvali", "Sukhumi", "Batumi"],
    "CHN": ["Beijing", "Peking", "Shanghai", "Guangzhou", "Shenzhen", "Lhasa", "Urumqi"],
}

# States that seceded, for the places file: code -> (the state its cities belonged to, the last
# day before independence). Facts: South Sudan 9 July 2011 (from Sudan), Kosovo 17 February 2008
# (from Serbia), Montenegro 3 June 2006 (from Serbia and Montenegro, coded SRB as Yugoslavia is),
# East Timor 20 May 2002 (under Indonesia until 1999, then UN administration: IDN until the
# handover), Eritrea 24 May 1993 (from Ethiopia). Events before those dates in Juba, Pristina,
# Podgorica, Dili or Asmara are coded with the old state ("Sudanese rebels shelled Juba" in 1992).
SECEDED = {
    "SSD": ("SDN", "20110708"),
    "KSV": ("SRB", "20080216"),
    "MNE": ("SRB", "20060602"),
    "TLS": ("IDN", "20020519"),
    "ERI": ("ETH", "19930523"),
}

# Regions that news names without their country; as places, like cities ("fighting in Darfur"
# happened there; "Darfur rebels" are Sudanese). Contested or shared regions (Kashmir,
# Kurdistan, Punjab, Crimea, Karabakh) are left out.
HAND_REGIONS = {
    "SDN": ["Darfur", "North Darfur", "South Darfur", "West Darfur", "Kordofan", "South Kordofan",
            "Blue Nile"],
    "RUS": ["Chechnya", "Dagestan", "Ingushetia", "Siberia"],
    "CHN": ["Tibet", "Xinjiang"],
    "IDN": ["Aceh", "Sumatra", "Java", "Borneo"],
    "PHL": ["Mindanao"],
    "PAK": ["Balochistan", "Baluchistan", "Waziristan", "North Waziristan", "South Waziristan",
            "Khyber Pakhtunkhwa"],
    "AFG": ["Helmand", "Kunar", "Nangarhar"],
    "IRQ": ["Anbar"],
    "EGY": ["Sinai"],
    "ETH": ["Tigray", "Ogaden", "Amhara", "Oromia"],
    "NGA": ["Niger Delta", "Borno"],
    "UKR": ["Donbas", "Donbass"],
    "MLI": ["Timbuktu", "Gao"],
    "YEM": ["Hadramout"],
}

# Government metonyms: (phrase, code). Written as separate actor entries.
HAND_METONYMS = [
    ("the Kremlin", "RUSGOV"),
    ("Downing Street", "GBRGOV"),
    ("Whitehall", "GBRGOV"),
    ("Westminster", "GBRLEG"),
    ("the White House", "USAGOV"),
    ("the State Department", "USAGOV"),
    ("US State Department", "USAGOV"),
    ("U.S. State Department", "USAGOV"),
    ("Foggy Bottom", "USAGOV"),
    ("the Pentagon", "USAMIL"),
    ("Capitol Hill", "USALEG"),
    ("the Elysee", "FRAGOV"),
    ("the Élysée", "FRAGOV"),
    ("Elysee Palace", "FRAGOV"),
    ("Élysée Palace", "FRAGOV"),
    ("Quai d'Orsay", "FRAGOV"),
    ("Matignon", "FRAGOV"),
    ("Zhongnanhai", "CHNGOV"),
    ("Casa Rosada", "ARGGOV"),
    ("Planalto Palace", "BRAGOV"),
    ("Parliament Hill", "CANLEG"),
    ("Bundestag", "DEULEG"),
    ("Bundeswehr", "DEUMIL"),
    ("South Block", "INDGOV"),
    ("Palazzo Chigi", "ITAGOV"),
    ("Union Buildings", "ZAFGOV"),
    ("Knesset", "ISRLEG"),
    ("Verkhovna Rada", "UKRLEG"),
    ("Duma", "RUSLEG"),
    ("State Duma", "RUSLEG"),
]

# Words never written as a country phrase: ambiguous with common English words,
# person names, US states or other places (the dictionary is upper-cased, so
# "US" would also match "us").
STOP = {
    "US", "MALE", "REUNION", "RÉUNION", "JERSEY", "GEORGIA", "KOREA", "KOREAN",
    "VICTORIA", "HAMILTON", "PLYMOUTH", "JAMESTOWN", "THE VALLEY", "WEST ISLAND",
    "SAINT PIERRE", "SAINT-PIERRE", "KINGSTON", "GEORGETOWN", "VIRGIN ISLANDS",
    "VIRGIN ISLANDER", "CHANNEL ISLANDER", "AMERICAN SAMOAN", "CHAD",
    "DOMINICAN",  # also Dominica's demonym; DOMINICAN_REPUBLIC stays
    "FRENCH", "NORWEGIAN", "BRITISH", "AMERICAN", "DANISH", "DUTCH",
}
# ...but these are kept for the named country (hand overrides win over STOP).
KEEP_FOR = {
    ("FRENCH", "FRA"), ("NORWEGIAN", "NOR"), ("BRITISH", "GBR"), ("AMERICAN", "USA"),
    ("DANISH", "DNK"), ("DUTCH", "NLD"), ("KINGSTON", "JAM"), ("GEORGETOWN", "GUY"),
    ("CHAD", "TCD"), ("DOMINICAN", "DOM"),
}

# --- generation --------------------------------------------------------------


def fold(s):
    """ASCII-folds accents: Côte -> Cote."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def clean(name):
    """'Bolivia, Plurinational State of' -> 'Bolivia'; drops parentheses."""
    name = re.sub(r"\s*\(.*?\)", "", name)
    if "," in name:
        name = name.split(",")[0]
    return name.strip()


def phrase(name):
    """'the White House' -> 'THE_WHITE_HOUSE_'; None if unusable."""
    s = name.strip().upper().replace("-", " ")
    s = re.sub(r"[,()\"]", " ", s)
    words = s.split()
    if not words:
        return None
    return "_".join(words) + "_"


def key(name):
    return " ".join(name.strip().upper().replace("-", " ").split())


def load_countryinfo():
    try:
        import countryinfo
    except ImportError:
        print("countryinfo not installed: no demonyms/capitals from it", file=sys.stderr)
        return {}
    out = {}
    for c in countryinfo.all_countries():
        try:
            info = c.info()
        except Exception:
            continue
        iso = (info.get("ISO") or {}).get("alpha3")
        if iso:
            out[iso] = info
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "dictionaries", "dyad.countries.actors.txt")
    with open(ISO_JSON, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    ci = load_countryinfo()

    countries = []  # (code, main name)
    cands = []  # (key, display, code, priority, population)
    pop = {}

    def add(name, code, prio, kind):
        if not name or not name.strip():
            return
        for variant in {name, fold(name)}:
            cands.append((key(variant), variant, code, prio, kind))

    for e in iso:
        code = e["alpha_3"]
        info = ci.get(code, {})
        pop[code] = info.get("population") or 0
        main_name = e.get("common_name") or clean(e["name"])
        countries.append((code, main_name))
        add(main_name, code, 2, "name")
        add(clean(e["name"]), code, 2, "name")
        if e.get("official_name"):
            add(e["official_name"], code, 2, "name")
        if info.get("name"):
            add(clean(info["name"]), code, 1, "name")
        dem = info.get("demonym")
        if dem and len(dem) < 30:
            add(dem, code, 1, "demonym")
        cap = info.get("capital")
        if cap:
            add(cap.replace(" D.C.", ""), code, 1, "capital")
    for code, name, extra in EXTRA_COUNTRIES:
        countries.append((code, name))
        pop[code] = 0
        add(name, code, 3, "name")
        for x in extra:
            add(x, code, 3, "name")
    for code, names in HAND_NAMES.items():
        for x in names:
            add(x, code, 3, "name")
    for code, names in HAND_CITIES.items():
        for x in names:
            add(x, code, 3, "city")
    for code, names in HAND_REGIONS.items():
        for x in names:
            add(x, code, 3, "city")

    # Each phrase goes to one code: highest priority, then largest population.
    best = {}
    for k, disp, code, prio, kind in cands:
        if not re.search(r"[A-Z]", fold(k)):
            continue
        if k in STOP and (k, code) not in KEEP_FOR:
            continue
        rank = (1 if (k, code) in KEEP_FOR else 0, prio, pop.get(code, 0))
        cur = best.get(k)
        if cur is None or rank > cur[0]:
            best[k] = (rank, disp, code, kind)
    metonym_keys = {key(p) for p, _ in HAND_METONYMS}
    by_code = {}
    places = {}  # code -> city keys (capitals and major cities)
    for k, (rank, disp, code, kind) in best.items():
        if k in metonym_keys:
            continue
        if kind in ("capital", "city"):
            places.setdefault(code, []).append(k)
            continue
        by_code.setdefault(code, []).append(k)

    lines = [
        "# dyad country actors -- GENERATED by scripts/gen_country_actors.py; edit the script, not this file.",
        "# Sources: iso-codes ISO 3166-1 (LGPL-2.1+ data), countryinfo (MIT: demonyms, capitals),",
        "# and facts typed for the project (short names, major cities, government metonyms).",
        "# Codes: ISO 3166-1 alpha-3 (CAMEO's country codes); Kosovo KSV.",
        "# Left out as ambiguous: bare US (= 'us'), GEORGIA (US state; REPUBLIC_OF_GEORGIA, TBILISI",
        "# and GEORGIAN stay), KOREA, JERSEY, REUNION, MALE (Maldives' capital), and capitals shared",
        "# with common places or names (VICTORIA, HAMILTON, PLYMOUTH, ...), and the demonyms POLE,",
        "# FINN, ENGLISH, KIWI, AUSSIE, PERSIAN, AFGHANI (only POLES, FINNS). Bare CONGO is DR Congo.",
        "",
    ]
    n_entries = n_phrases = 0
    written = set()
    for code, main_name in countries:
        ks = by_code.get(code, [])
        if not ks:
            continue
        mk = key(main_name)
        if mk not in ks:
            mk = ks[0]
        rest = sorted(set(ks) - {mk})
        lines.append(f"{phrase(mk)} [{code}]")
        for k in rest:
            lines.append(f"+{phrase(k)}")
        lines.append("")
        n_entries += 1
        n_phrases += 1 + len(rest)
        written.add(code)
    lines.append("# Government, legislature and military metonyms (facts typed for the project).")
    n_met = 0
    for p, code in HAND_METONYMS:
        lines.append(f"{phrase(p)} [{code}]")
        n_met += 1
    lines.append("")
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    # Places: capitals and major cities, one entry each, in a file of their own. The reader marks
    # entries of a `*.places.actors.txt` file as places: a city stands for its country as an actor
    # ("Moscow said"), but after `in`/`at` it is where something happened, not a target.
    plines = [
        "# dyad places -- GENERATED by scripts/gen_country_actors.py; edit the script, not this file.",
        "# Capitals (countryinfo, MIT) and major cities (facts typed for the project) with the code",
        "# of their country. Entries of a *.places.actors.txt file are places: as an actor a city",
        "# stands for its country; after in/at/near it is a location, not a target.",
        "",
    ]
    n_places = 0
    for code, _ in countries:
        for k in sorted(places.get(code, [])):
            if code in SECEDED:
                # A city of a state that seceded belonged to the old state before independence.
                before, last_day = SECEDED[code]
                plines.append(f"{phrase(k)}")
                plines.append(f"\t[{before} <{last_day}]")
                plines.append(f"\t[{code}]")
            else:
                plines.append(f"{phrase(k)} [{code}]")
            n_places += 1
    places_path = os.path.join(os.path.dirname(os.path.abspath(out_path)), "dyad.places.actors.txt")
    with open(places_path, "w", encoding="utf-8") as f:
        f.write("\n".join(plines) + "\n")
    print(f"countries: {n_entries} entries, {n_phrases} phrases; places: {n_places}; metonyms: {n_met}; "
          f"ISO 3166-1 records: {len(iso)}; countryinfo records: {len(ci)}")
    missing = [c for c, _ in countries if c not in written]
    if missing:
        print("no phrases for:", " ".join(missing))


if __name__ == "__main__":
    main()
