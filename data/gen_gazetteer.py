#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# kg: generate data/gazetteer.tsv from iso-codes, tzdata and the hand-made tables here.
"""Generate the kg gazetteer table.

Sources (see data/README.md for licences):
  * Debian iso-codes: ISO 3166-1 countries and ISO 3166-2 subdivisions
    (JSON), and their translations (gettext .mo catalogues);
  * tz_cities.tsv: the zone names of tzdata's zone.tab, and
    person_names.tsv: the 1990 US Census name lists of Debian's
    libtext-names-perl, and common_words.tsv: the lower-case words of
    Debian's wamerican-small (SCOWL), and wordnet_instances.tsv: the
    named instances of WordNet 3.0 (Debian's wordnet-base), all extracted
    by --extract and
    committed, so that the table does not change with every tzdata update;
  * the hand-made tables beside this script (country_overrides.tsv,
    subdivision_aliases.tsv, demonyms.tsv, cities.tsv, places.tsv,
    organizations.tsv, people.tsv, events.tsv, cues.tsv, titles.tsv).

Python 3 standard library only.  The output is deterministic: the same
inputs give the same bytes.

    python3 data/gen_gazetteer.py -o data/gazetteer.tsv
    python3 data/gen_gazetteer.py --extract -o data/gazetteer.tsv
"""

import argparse
import gettext
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# Languages of the labels: (gettext locale directory, BCP 47 tag).  One
# locale per language, chosen for the broadest coverage of both catalogues.
LANGS = [
    ("ar", "ar"),
    ("de", "de"),
    ("es", "es"),
    ("fa", "fa"),
    ("fr", "fr"),
    ("he", "he"),
    ("hi", "hi"),
    ("id", "id"),
    ("it", "it"),
    ("ja", "ja"),
    ("ko", "ko"),
    ("nl", "nl"),
    ("pl", "pl"),
    ("pt_BR", "pt-BR"),
    ("ru", "ru"),
    ("tr", "tr"),
    ("uk", "uk"),
    ("vi", "vi"),
    ("zh_CN", "zh"),
    ("zh_TW", "zh-TW"),
]

# Ranks: lower comes first among the hits of one surface form.
RANK_COUNTRY = 10
RANK_REGION = 12
RANK_CAPITAL = 14
RANK_ORG = 15
RANK_CITY = 18
RANK_SUBDIVISION = 20
RANK_SUBSUBDIVISION = 22
RANK_TZ_CITY = 25
RANK_WORDNET = 28

# Chinese subdivision names carry pinyin generic terms.
PINYIN_SUFFIXES = [
    (" Zhuangzu Zizhiqu", "Zhuang Autonomous Region"),
    (" Huizu Zizhiqu", "Hui Autonomous Region"),
    (" Huizi Zizhiqu", "Hui Autonomous Region"),
    (" Uygur Zizhiqu", "Uygur Autonomous Region"),
    (" Zizhiqu", "Autonomous Region"),
    (" Sheng", "Province"),
    (" Shi", "Municipality"),
]

# iso-codes subdivision types after which "<name> <type>" is a usual
# English form ("Jiangsu Province", "Lagos State", "Aichi Prefecture").
TYPE_SUFFIX = {
    "Province": "Province",
    "Prefecture": "Prefecture",
    "Governorate": "Governorate",
    "Oblast": "Oblast",
    "State": "State",
    "Region": "Region",
    "County": "County",
    "District": "District",
    "Autonomous region": "Autonomous Region",
    "Autonomous province": "Autonomous Province",
    "Territory": "Territory",
    "Union territory": "Union Territory",
}

# Subdivision names that are common words: keep them only with their type
# ("Western Province", "Central Region").
GENERIC_NAMES = {
    "Border", "Capital", "Central", "Centre", "Coast", "Delta", "East", "Eastern", "Est",
    "Highlands", "Interior", "Islands", "Lakes", "Littoral", "Lower", "Maritime", "Middle",
    "Nord", "North", "Northern", "Ouest", "Plateau", "South", "Southern", "Sud", "Upper",
    "West", "Western",
    # common English words that name small subdivisions elsewhere
    "Antique", "Bar", "Bay", "Bloke", "Cascade", "Cascades", "Grad", "Gulf", "Lot", "Male",
    "Mary", "Most", "Plungė", "Pool", "Reading", "Saga", "Salé", "Sidès", "Štore", "Unity",
    "Van",
}

# Subdivision types whose names stay names even when they are first names
# too ("Victoria", "Georgia"); smaller units named like a common first
# name ("Paul", a municipality of Cape Verde) keep only their type.
MAJOR_TYPES = {
    "state", "province", "region", "autonomous region", "autonomous community",
    "territory", "country", "nation", "prefecture", "federal district", "republic",
    "autonomous province", "union territory", "autonomous republic",
}
FIRST_NAME_MIN_PERCENT = 0.05  # first names at least this common


def common_first_names():
    out = set()
    for _, (flag, name, pct) in read_table("person_names.tsv", 3):
        if flag in "MF" and float(pct) >= FIRST_NAME_MIN_PERCENT:
            out.add(name.lower())
    return out


# Words after the comma of an inverted iso-codes name ("Murcia, Región de").
INVERSION_TAIL = re.compile(
    r"^(?:[a-zà-ÿ].*|(?:Región|Comunidad|Principado|Respublika|Hlavní město|City|County|"
    r"The|Région|Provincia|Province|Republic|Ciudad|Distrito)\b.*)$"
)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def clean(s):
    s = nfc(s).strip()
    return re.sub(r"\s+", " ", s)


def read_table(name, ncols_min):
    """Rows of a hand-made TSV: '#' comments and blank lines skipped."""
    path = os.path.join(HERE, name)
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = [clean(c) for c in line.split("\t")]
            if len(cols) < ncols_min:
                sys.exit(f"{name}:{lineno}: expected {ncols_min} columns, got {len(cols)}")
            rows.append((lineno, cols))
    return rows


def split_list(s):
    if s in ("", "-"):
        return []
    return [clean(x) for x in s.split("|") if clean(x)]


# The classes the C loader knows (kg_gaz_class_name()).
CLASSES = {
    "Country", "AdministrativeArea", "City", "Place", "Organization", "GovernmentOrganization",
    "NewsMediaOrganization", "Person", "Event", "Corporation", "EducationalOrganization",
    "CollegeOrUniversity", "PoliticalParty", "SportsTeam", "NGO", "Hospital", "Continent",
    "Landform", "Mountain", "BodyOfWater", "RiverBodyOfWater", "LakeBodyOfWater",
    "SeaBodyOfWater", "OceanBodyOfWater", "Airport", "Park", "Museum", "StadiumOrArena",
    "Thing",
}


def check_class(cls, where):
    if cls not in CLASSES:
        sys.exit(f"{where}: unknown class {cls!r}")


class Entry:
    def __init__(self, cls, name, code=None, parent=None, subtype=None, rank=50):
        check_class(cls, name)
        self.cls = cls
        self.name = clean(name)
        self.code = code
        self.parent = parent
        self.subtype = subtype
        self.rank = rank
        self.aliases = []
        self.codes = []
        self.demonyms = []
        self.labels = {}

    def alias(self, s):
        s = clean(s)
        if s and s != self.name and s not in self.aliases:
            self.aliases.append(s)

    def code_form(self, s):
        s = clean(s)
        if s and s not in self.codes:
            self.codes.append(s)

    def demonym(self, s):
        s = clean(s)
        if s and s not in self.demonyms:
            self.demonyms.append(s)

    def emit(self, out):
        def field(v):
            return v if v else "-"

        for v in (self.name, self.code, self.parent, self.subtype):
            if v and ("\t" in v or "\n" in v):
                sys.exit(f"tab or newline in {v!r}")
        out.append(
            "\t".join(
                [
                    "E",
                    self.cls,
                    self.name,
                    field(self.code),
                    field(self.parent),
                    field(self.subtype),
                    str(self.rank),
                ]
            )
        )
        for a in self.aliases:
            out.append("A\t" + a)
        for c in self.codes:
            out.append("C\t" + c)
        for d in self.demonyms:
            out.append("D\t" + d)
        for tag in sorted(self.labels):
            out.append("L\t" + tag + "\t" + self.labels[tag])


# ---------------------------------------------------------------------------
# Translations


def load_catalogues(locale_dir, domain):
    cats = []
    for loc, tag in LANGS:
        path = os.path.join(locale_dir, loc, "LC_MESSAGES", domain + ".mo")
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            cats.append((tag, gettext.GNUTranslations(f)))
    return cats


def add_labels(entry, cats, msgids):
    """Label per language: the translation of the first msgid that has one
    different from the English."""
    for tag, cat in cats:
        for mid in msgids:
            if not mid:
                continue
            tr = cat.gettext(mid)
            if tr and tr != mid:
                tr = clean(tr)
                if tr and "\t" not in tr and tr != entry.name:
                    entry.labels[tag] = tr
                break


# ---------------------------------------------------------------------------
# Demonyms: keyed by ISO 3166-1 or 3166-2 code, or by a name in places.tsv

DEMONYMS = {}
DEMONYMS_USED = set()


def load_demonyms():
    for lineno, c in read_table("demonyms.tsv", 2):
        DEMONYMS.setdefault(c[0], []).extend(split_list(c[1]))


def add_demonyms(e, key):
    for d in DEMONYMS.get(key, []):
        DEMONYMS_USED.add(key)
        e.demonym(d)
        # Regular plurals: "Singaporean" -> "Singaporeans", "Iraqi" -> "Iraqis".
        if " " not in d and (d.endswith("an") or d.endswith("i")):
            e.demonym(d + "s")


# ---------------------------------------------------------------------------
# Countries


def countries(iso_dir, cats1):
    with open(os.path.join(iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        data = json.load(f)["3166-1"]
    over = {}
    for _, c in read_table("country_overrides.tsv", 5):
        over[c[0]] = c
    out = {}
    for x in data:
        code = x["alpha_2"]
        name = x.get("common_name") or x["name"]
        rank = RANK_COUNTRY
        o = over.get(code)
        if o:
            name = o[1]
            rank = int(o[4])
        e = Entry("Country", name, code, None, None, rank)
        for a in (x["name"], x.get("common_name"), x.get("official_name")):
            if a:
                e.alias(a)
                # "Korea, Republic of" -> "Republic of Korea"
                m = re.match(r"^(.*), (.*(?: of| of the))$", a)
                if m:
                    e.alias(m.group(2) + " " + m.group(1))
                m = re.match(r"^(.*) \((.*)\)$", a)
                if m:
                    e.alias(m.group(1))
            if a and a.startswith("the "):
                e.alias(a[4:])
        if o:
            for a in split_list(o[2]):
                e.alias(a)
            for c in split_list(o[3]):
                e.code_form(c)
        add_demonyms(e, code)
        add_labels(e, cats1, [x.get("common_name"), x["name"]])
        out[code] = e
    return out


# ---------------------------------------------------------------------------
# Subdivisions


def subdivision_forms(name, typ):
    """Canonical English-ish name and aliases of an iso-codes subdivision name."""
    aliases = []
    canon = name
    m = re.match(r"^(.*?) \[(.*?)\]$", canon)
    if m:
        canon = m.group(1)
        other = re.sub(r"\s+[A-Z]{2}-[A-Z0-9]+$", "", m.group(2))
        if other[:1].isupper():  # not a note such as "[city]"
            aliases.append(other)
    m = re.match(r"^(.*) \((.*)\)$", canon)
    if m:
        aliases.append(canon)
        canon = m.group(1)
    m = re.match(r"^(.*), (.*)$", canon)
    if m and INVERSION_TAIL.match(m.group(2)):
        aliases.append(canon)
        aliases.append(m.group(2) + " " + m.group(1))
        canon = m.group(1)
    if " / " in canon:
        aliases.append(canon)
        parts = canon.split(" / ")
        aliases.extend(parts[1:])
        canon = parts[0]
    for suffix, english in PINYIN_SUFFIXES:
        if canon.endswith(suffix):
            aliases.append(canon)
            base = canon[: -len(suffix)]
            aliases.append(base + " " + english)
            canon = base
            break
    if canon.endswith(" SAR"):
        aliases.append(canon)
        canon = canon[:-4]
        aliases.append(canon + " Special Administrative Region")
    suffix = TYPE_SUFFIX.get(typ)
    if suffix and not canon.endswith(" " + suffix):
        aliases.append(canon + " " + suffix)
    return canon, aliases


def subdivisions(iso_dir, cats2, countries_by_code):
    with open(os.path.join(iso_dir, "iso_3166-2.json"), encoding="utf-8") as f:
        data = json.load(f)["3166-2"]
    extra = {}
    for _, c in read_table("subdivision_aliases.tsv", 2):
        extra[c[0]] = c
    out = []
    known = {x["code"] for x in data}
    first_names = common_first_names()
    for x in sorted(data, key=lambda x: x["code"]):
        code = x["code"]
        country = code.split("-")[0]
        if country not in countries_by_code:
            continue
        parent = country
        rank = RANK_SUBDIVISION
        if x.get("parent"):
            p = x["parent"] if "-" in x["parent"] else country + "-" + x["parent"]
            if p in known:
                parent = p
                rank = RANK_SUBSUBDIVISION
        canon, aliases = subdivision_forms(clean(x["name"]), x["type"])
        ex = extra.get(code)
        if ex:
            aliases.append(canon)
            canon = ex[1]
            aliases.extend(split_list(ex[2]) if len(ex) > 2 else [])
            suffix = TYPE_SUFFIX.get(x["type"])
            if suffix and not canon.endswith(" " + suffix):
                aliases.append(canon + " " + suffix)
        if canon in GENERIC_NAMES or (
            canon.lower() in first_names and x["type"].lower() not in MAJOR_TYPES
        ):
            # "Western" (Province of Zambia) is no name on its own; nor is
            # "Paul" (a municipality of Cape Verde), a common first name.
            full = canon + " " + TYPE_SUFFIX.get(x["type"], x["type"].title())
            aliases = [a for a in aliases if a not in (canon, full)]
            canon = full
        e = Entry("AdministrativeArea", canon, code, parent, x["type"], rank)
        for a in aliases:
            e.alias(a)
        add_demonyms(e, code)
        add_labels(e, cats2, [x["name"]])
        out.append(e)
    for code in extra:
        if code not in known:
            sys.exit(f"subdivision_aliases.tsv: unknown code {code}")
    return out


# ---------------------------------------------------------------------------
# Cities


def extract_tz(zoneinfo, out_path):
    """Copy the zone names and countries of tzdata's zone.tab into a
    committed table, so that the generated gazetteer does not change with
    every tzdata update (make gazetteer-sources refreshes it)."""
    version = "unknown"
    zi = os.path.join(zoneinfo, "tzdata.zi")
    if os.path.exists(zi):
        with open(zi, encoding="utf-8") as f:
            m = re.match(r"# version (\S+)", f.readline())
            if m:
                version = m.group(1)
    rows = []
    with open(os.path.join(zoneinfo, "zone.tab"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            rows.append((cols[2], cols[0]))
    text = (
        "# kg: time zone names and countries from tzdata's zone.tab (public domain).\n"
        f"# EXTRACTED by data/gen_gazetteer.py --extract from tzdata {version}; do not edit.\n"
        "# Columns (TAB separated): zone name, ISO 3166-1 alpha-2 country code.\n"
    )
    text += "".join(f"{zone}\t{cc}\n" for zone, cc in sorted(rows))
    write_file(out_path, text)


def tz_cities():
    """City part of tzdata zone names with the zone's country: one entry
    per (name, country)."""
    out = set()
    skip_areas = {"Antarctica", "Arctic", "Etc"}
    for _, (zone, cc) in read_table("tz_cities.tsv", 2):
        parts = zone.split("/")
        if parts[0] in skip_areas or len(parts) < 2:
            continue
        # Zone names drop accents and some words; they are still names.
        out.add((parts[-1].replace("_", " "), cc))
    return sorted(out)


# tzdata zone names that are islands, regions or parts of a zone name
# rather than cities ("Pacific/Easter", "America/Indiana/Knox").
TZ_NOT_CITIES = {
    "Antigua", "Azores", "Bahia", "Cocos", "Bougainville", "Canary", "Cayman", "Center", "Chagos", "Chatham",
    "Christmas", "Comoro", "Easter", "Efate", "Eucla", "Faroe", "Galapagos", "Gambier",
    "Guadalcanal", "Ho Chi Minh", "Kamchatka", "Kerguelen", "Knox", "Kosrae", "Kwajalein",
    "Lindeman", "Lord Howe", "Madeira", "Marengo", "Marquesas", "Midway", "Noronha",
    "Petersburg", "Pohnpei", "Chuuk", "Sakhalin", "South Georgia", "St Barthelemy",
    "St Helena", "St Kitts", "St Lucia", "St Vincent", "Tahiti", "Tongatapu", "Wake", "Wallis",
}


def loose(s):
    """Comparison form: no accents, case or punctuation ("N'Djamena" = "Ndjamena")."""
    s = unicodedata.normalize("NFKD", s).casefold()
    return "".join(ch for ch in s if ch.isalnum())


def cities(countries_by_code, subdivision_codes):
    out = []
    seen = set()
    country_forms = set()
    for e in countries_by_code.values():
        for f in [e.name] + e.aliases + e.codes:
            country_forms.add(loose(f))
    for lineno, c in read_table("cities.tsv", 4):
        name, cc, sub, cap = c[0], c[1], c[2], c[3]
        aliases = split_list(c[4]) if len(c) > 4 else []
        if cc not in countries_by_code:
            sys.exit(f"cities.tsv:{lineno}: unknown country {cc}")
        parent = cc
        if sub not in ("", "-"):
            if sub not in subdivision_codes:
                sys.exit(f"cities.tsv:{lineno}: unknown subdivision {sub}")
            parent = sub
        rank = RANK_CAPITAL if cap == "1" else RANK_CITY
        e = Entry("City", name, None, parent, "capital" if cap == "1" else None, rank)
        if parent in subdivision_codes and subdivision_codes[parent].name == name:
            # A city that is its own subdivision (Beijing in CN-BJ, Tokyo in
            # JP-13): iso-codes' labels of the subdivision name the city too.
            # Leave out labels that name the subdivision as such
            # ("Peking, Stadsprovincie", "Pekin Shi").
            for tag, text in subdivision_codes[parent].labels.items():
                if not re.search(r"[,;]| Shi$| Sheng$", text):
                    e.labels[tag] = text
        for a in aliases:
            e.alias(a)
        out.append(e)
        seen.add((loose(name), cc))
        for a in aliases:
            seen.add((loose(a), cc))
    for city, cc in tz_cities():
        if cc not in countries_by_code or city in TZ_NOT_CITIES:
            continue
        if (loose(city), cc) in seen or loose(city) in country_forms:
            continue
        out.append(Entry("City", city, None, cc, None, RANK_TZ_CITY))
    return out


# ---------------------------------------------------------------------------
# Places and organisations


def places():
    out = []
    for lineno, c in read_table("places.tsv", 3):
        cls, name, parent = c[0], c[1], c[2]
        aliases = split_list(c[3]) if len(c) > 3 else []
        e = Entry(cls, name, None, None if parent == "-" else parent, None, RANK_REGION)
        for a in aliases:
            if a.startswith("="):
                e.code_form(a[1:])
            else:
                e.alias(a)
        add_demonyms(e, name)
        out.append(e)
    return out


def organizations(table):
    out = []
    for lineno, c in read_table(table, 5):
        cls, name, aliases, codes, country = c[:5]
        e = Entry(cls, name, None, None if country == "-" else country, None, RANK_ORG)
        for a in split_list(aliases):
            e.alias(a)
        for a in split_list(codes):
            e.code_form(a)
        out.append(e)
    return out


def cues():
    out = []
    for _, c in read_table("cues.tsv", 3):
        check_class(c[1], "cues.tsv: " + c[0])
        if c[2] not in ("prefix", "suffix", "both"):
            sys.exit(f"cues.tsv: bad position {c[2]!r}")
        out.append("\t".join(["Q", c[0], c[1], c[2]]))
    return out


def titles():
    out = []
    for lineno, c in read_table("titles.tsv", 3):
        code = c[3] if len(c) > 3 else "-"
        if c[2] != "-":
            check_class(c[2], "titles.tsv: " + c[0])
        if (c[1] == "-") != (c[2] == "-"):
            sys.exit(f"titles.tsv:{lineno}: a relation needs a class and a class a relation")
        out.append("\t".join(["T", c[0], c[1], c[2], code]))
    return out


# Common person names: the 1990 US Census lists embedded in Debian's
# libtext-names-perl (public-domain data; none of the module's code is used).
NAMES_MIN_PERCENT = 0.005  # first names at least this common (percent of people)


def extract_names(names_pm, out_path):
    """Copy the 1990 US Census name lists embedded in libtext-names-perl
    into a committed table (make gazetteer-sources refreshes it)."""
    if not os.path.exists(names_pm):
        sys.exit(f"{names_pm} is missing: apt-get install libtext-names-perl")
    with open(names_pm, encoding="latin-1") as f:
        text = f.read()
    rows = []
    for var, flag in (
        ("COMMON_MALE_FIRSTNAMES", "M"),
        ("COMMON_FEMALE_FIRSTNAMES", "F"),
        ("COMMON_SURNAMES", "S"),
    ):
        m = re.search(r"\$" + var + r" = <<ENDNAMES;\n(.*?)\nENDNAMES", text, re.S)
        if not m:
            sys.exit(f"{names_pm}: no {var} list")
        for name, pct in re.findall(r"([A-Z][A-Z'-]*)\s+([0-9.]+)\s+[0-9.]+\s+\d+", m.group(1)):
            rows.append((flag, name, pct))
    out = (
        "# kg: common first names and surnames of the 1990 US Census (public-domain data),\n"
        "# EXTRACTED by data/gen_gazetteer.py --extract from Debian's libtext-names-perl\n"
        "# (Text/Names.pm); do not edit.  Columns (TAB separated): list (M male first\n"
        "# names, F female first names, S surnames), name, percent of people.\n"
    )
    out += "".join(f"{flag}\t{name}\t{pct}\n" for flag, name, pct in rows)
    write_file(out_path, out)


def extract_words(words_path, out_path):
    """The lower-case ASCII words of at least three letters of a SCOWL list."""
    words = set()
    with open(words_path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if len(w) >= 3 and re.fullmatch(r"[a-z]+", w):
                words.add(w)
    out = (
        "# kg: common lower-case English words, EXTRACTED by data/gen_gazetteer.py --extract\n"
        "# from Debian's wamerican-small (/usr/share/dict/american-english-small, SCOWL,\n"
        "# Copyright 2000-2011 Kevin Atkinson; see data/README.md); do not edit.  One word a\n"
        "# line: ASCII letters only, three or more.\n"
    )
    out += "".join(w + "\n" for w in sorted(words))
    write_file(out_path, out)


def person_names():
    flags = {}
    display = {}
    for _, (flag, name, pct) in read_table("person_names.tsv", 3):
        if flag in "MF" and float(pct) < NAMES_MIN_PERCENT:
            continue
        # JAMES -> James, O'BRIEN -> O'Brien
        name = re.sub(r"[A-Za-z]+", lambda w: w.group(0).capitalize(), name)
        flags.setdefault(name.lower(), set()).add(flag)
        display[name.lower()] = name
    for _, (word,) in read_table("common_words.tsv", 1):
        flags.setdefault(word, set()).add("W")
        display.setdefault(word, word)
    out = []
    for key in sorted(flags, key=lambda k: (display[k], k)):
        out.append("P\t" + display[key] + "\t" + "".join(f for f in "MFSW" if f in flags[key]))
    return out


# WordNet 3.0 (Debian wordnet-base): its instance nouns are named things
# ("Smolensk" an instance of city, "Ravel" of composer).  --extract keeps the
# ones of the kinds kg types, with the class their hypernyms give them.
# The first matching row wins: (hypernym synset word, class).
WORDNET_KINDS = [
    ("person", "Person"),
    ("stock_exchange", "Organization"),
    ("university", "CollegeOrUniversity"),
    ("political_party", "PoliticalParty"),
    ("company", "Corporation"),
    ("organization", "Organization"),
    ("political_movement", "Organization"),
    ("national_capital", "City"),
    ("city", "City"),
    ("town", "City"),
    ("port", "City"),
    ("village", "City"),
    ("American_state", "AdministrativeArea"),
    ("state", "AdministrativeArea"),
    ("province", "AdministrativeArea"),
    ("county", "AdministrativeArea"),
    ("administrative_district", "AdministrativeArea"),
    ("river", "RiverBodyOfWater"),
    ("lake", "LakeBodyOfWater"),
    ("ocean", "OceanBodyOfWater"),
    ("sea", "SeaBodyOfWater"),
    ("gulf", "SeaBodyOfWater"),
    ("bay", "SeaBodyOfWater"),
    ("strait", "SeaBodyOfWater"),
    ("body_of_water", "BodyOfWater"),
    ("mountain", "Mountain"),
    ("range", "Mountain"),
    ("volcano", "Mountain"),
    ("national_park", "Park"),
    ("island", "Landform"),
    ("geological_formation", "Landform"),
    ("structure", "Place"),
    ("region", "Place"),
    ("location", "Place"),
]


# WordNet's licence asks for its notice on every copy of the database and
# of modifications of it: the extract and the gazetteer carry it.
WORDNET_NOTICE = """\
WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
Permission to use, copy, modify and distribute this software and database
and its documentation for any purpose and without fee or royalty is hereby
granted, provided that you agree to comply with the following copyright
notice and statements, including the disclaimer, and that the same appear
on ALL copies of the software, database and documentation, including
modifications that you make for internal use or for distribution.
THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY
MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF
EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS
OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR
THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
The name of Princeton University or Princeton may not be used in
advertising or publicity pertaining to distribution of the software and/or
database.  Title to copyright in this software, database and any
associated documentation shall at all times remain with Princeton
University and LICENSEE agrees to preserve same."""


def wordnet_notice():
    return "".join("# " + line + "\n" for line in WORDNET_NOTICE.split("\n"))


WORDNET_FAMILY = {
    "Person": "Person", "CollegeOrUniversity": "Organization", "PoliticalParty": "Organization",
    "Corporation": "Organization", "Organization": "Organization",
}


def extract_wordnet(data_noun, out_path):
    """Named instances of WordNet's noun database with their class."""
    if not os.path.exists(data_noun):
        sys.exit(f"{data_noun} not found: install wordnet-base")
    syn = {}
    with open(data_noun, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            parts = line.split(" | ")[0].split()
            n = int(parts[3], 16)
            words = [parts[4 + 2 * i] for i in range(n)]
            k = 4 + 2 * n
            ptrs = []
            for _ in range(int(parts[k])):
                ptrs.append((parts[k + 1], parts[k + 2], parts[k + 3]))
                k += 4
            syn[parts[0]] = (words, ptrs, int(parts[1]))

    def ups(off):
        seen, todo = set(), [off]
        while todo:
            for p, o, pos in syn[todo.pop()][1]:
                if p in ("@", "@i") and pos == "n" and o not in seen:
                    seen.add(o)
                    todo.append(o)
        return {w.split("(")[0] for o in seen for w in syn[o][0][:1]}

    rows = []
    for off, (words, ptrs, lexfile) in syn.items():
        if not any(p == "@i" for p, _, _ in ptrs):
            continue
        # only the lexicographer files of things kg types: artifacts (6),
        # groups (14), locations (15), objects (17), persons (18); not
        # states ("Great Depression") or events
        if lexfile not in (6, 14, 15, 17, 18):
            continue
        above = ups(off)
        cls = next((c for w, c in WORDNET_KINDS if w in above), None)
        if not cls:
            continue
        names = []
        for w in words:
            w = w.split("(")[0].replace("_", " ")
            if w not in names:
                names.append(w)
        rows.append(cls + "\t" + "|".join(names))
    out = (
        "# kg: named instances of WordNet 3.0 nouns and their class, EXTRACTED by\n"
        "# data/gen_gazetteer.py --extract from Debian's wordnet-base\n"
        "# (/usr/share/wordnet/data.noun; WordNet licence, see data/README.md); do not\n"
        "# edit.  Columns: class, names (|-separated, WordNet's order).\n"
        + wordnet_notice()
    )
    out += "".join(r + "\n" for r in sorted(rows))
    write_file(out_path, out)


def wordnet_entries(known):
    """Entries for WordNet's named instances that no other table knows.  A
    name WordNet gives to things of two kinds, or to two persons, a common
    English word, a cue, a title or (for a place) a common first name is
    left out."""
    first = common_first_names()
    words = {w for _, (w,) in read_table("common_words.tsv", 1)}
    blocked = set()
    for _, c in read_table("cues.tsv", 3):
        blocked.add(loose(c[0]))
    for _, c in read_table("titles.tsv", 3):
        blocked.add(loose(c[0]))
    rows = [(c[0], split_list(c[1])) for _, c in read_table("wordnet_instances.tsv", 2)]
    kinds = {}
    for cls, names in rows:
        fam = WORDNET_FAMILY.get(cls, "Place")
        for n in names:
            kinds.setdefault(loose(n), []).append(fam)
    title_words = {loose(c[0]) for _, c in read_table("titles.tsv", 3) if " " not in c[0]}
    out = []
    for cls, names in rows:
        # a thing another table names is that table's ("Porto Rico" is
        # Puerto Rico, which iso-codes knows)
        if any(loose(n) in known for n in names):
            continue
        keep = []
        for n in names:
            # codes ("CT", "DE") and a person's titles ("President Bush",
            # "Duke of Edinburgh") are no names of their own
            if re.fullmatch(r"[A-Z.]{1,4}", n):
                continue
            if cls == "Person" and any(loose(w) in title_words for w in n.split()):
                continue
            # a surname alone ("Fremont", "Edison") names towns and firms too
            if cls == "Person" and " " not in n:
                continue
            k = loose(n)
            fams = kinds[k]
            if len(set(fams)) > 1 or (cls == "Person" and len(fams) > 1):
                continue
            if k in known or k in blocked or not k:
                continue
            if " " not in n and (n.lower() in words or not n[:1].isupper()):
                continue
            if " " not in n and n.lower() in first:
                continue
            keep.append(n)
        if not keep:
            continue
        # a person is named in full ("Maurice Ravel", not "Ravel")
        canon = max(keep, key=lambda n: (len(n.split()), -keep.index(n))) if cls == "Person" else keep[0]
        e = Entry(cls, canon, None, None, None, RANK_WORDNET)
        for n in keep:
            e.alias(n)
        out.append(e)
    return out


def write_file(path, text):
    if path == "-":
        sys.stdout.write(text)
        return
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


HEADER = """\
# kg gazetteer, format 1.  GENERATED by data/gen_gazetteer.py: do not edit;
# change the hand-made tables in data/ or the script and run `make gazetteer`.
# Sources and licences: data/README.md.
#
# One record per line, columns separated by one TAB; lines starting with '#'
# and empty lines are ignored; '-' stands for "none".  Text is UTF-8, NFC.
#
#   E  class  name  code  parent  subtype  rank
#        an entry: class is a schema.org local name (Country,
#        AdministrativeArea, City, Place, Organization, GovernmentOrganization,
#        NewsMediaOrganization, ... see kg_gaz_class_name()); name is the
#        canonical English name; code its ISO 3166 code; parent the code of
#        what contains it; subtype the iso-codes type ("Province"); rank
#        orders the hits of one surface form (lower first: countries 10,
#        regions 12, capitals 14, organisations 15, cities 18, subdivisions
#        20/22, tzdata cities 25, WordNet instances 28).
#   X  code         more forms (A, C, D rows) for the entry with this code,
#                   loaded before (in a user's table: "X CN", "A Middle Kingdom")
#   A  form         another name of the entry above
#   C  form         a code or acronym of the entry above, matched with its
#                   case as written ("US" but not "us")
#   D  form         a demonym or adjective of the entry above ("Singaporean")
#   L  lang  text   a label of the entry above in language lang (BCP 47)
#   Q  words  class  prefix|suffix|both
#        a cue word or phrase and the class it gives a name it opens
#        (prefix: "Ministry of ..."), closes (suffix: "... University") or both
#   P  name  flags  a common person name or word: flags are letters M (male
#                   first name), F (female first name), S (surname), W (a
#                   common lower-case English word)
#   T  words  relation  class  code
#        a title, honorific or role of a person: relation is a kg: property
#        local name (headOfState, headOfGovernment, headOf, ministerOf,
#        spokespersonOf, memberOf) or '-' for a bare honorific; class is the
#        class of the relation's object; code a country the title implies
#        by itself, or '-'
#
# Forms, cues and titles are matched by key (NFKC, case folded, accents
# stripped, apostrophes lumped, white space collapsed), except C forms.
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    ap.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    ap.add_argument("--locale-dir", default="/usr/share/locale")
    ap.add_argument("--zoneinfo", default="/usr/share/zoneinfo")
    ap.add_argument("--names-pm", default="/usr/share/perl5/Text/Names.pm")
    ap.add_argument("--words", default="/usr/share/dict/american-english-small")
    ap.add_argument("--wordnet", default="/usr/share/wordnet/data.noun")
    ap.add_argument(
        "--extract",
        action="store_true",
        help="first refresh data/tz_cities.tsv, data/person_names.tsv, "
        "data/common_words.tsv and data/wordnet_instances.tsv from tzdata, "
        "libtext-names-perl, wamerican-small and wordnet-base",
    )
    args = ap.parse_args()
    if args.extract:
        extract_tz(args.zoneinfo, os.path.join(HERE, "tz_cities.tsv"))
        extract_names(args.names_pm, os.path.join(HERE, "person_names.tsv"))
        extract_words(args.words, os.path.join(HERE, "common_words.tsv"))
        extract_wordnet(args.wordnet, os.path.join(HERE, "wordnet_instances.tsv"))

    load_demonyms()
    cats1 = load_catalogues(args.locale_dir, "iso_3166-1")
    cats2 = load_catalogues(args.locale_dir, "iso_3166-2")
    ctry = countries(args.iso_dir, cats1)
    subs = subdivisions(args.iso_dir, cats2, ctry)
    subcodes = {s.code: s for s in subs}

    known_forms = set()

    def remember(e):
        for f in [e.name] + e.aliases + e.codes + e.demonyms:
            known_forms.add(loose(f))
        return e

    lines = [HEADER.rstrip("\n")]
    lines.append("")
    lines.append("# ---- countries (ISO 3166-1, iso-codes) ----")
    for code in sorted(ctry):
        remember(ctry[code]).emit(lines)
    lines.append("")
    lines.append("# ---- subdivisions (ISO 3166-2, iso-codes) ----")
    for e in subs:
        remember(e).emit(lines)
    lines.append("")
    lines.append("# ---- cities (data/cities.tsv, then tzdata zone.tab via data/tz_cities.tsv) ----")
    for e in cities(ctry, subcodes):
        remember(e).emit(lines)
    lines.append("")
    lines.append("# ---- continents, regions, seas, rivers (data/places.tsv) ----")
    for e in places():
        remember(e).emit(lines)
    unused = sorted(set(DEMONYMS) - DEMONYMS_USED)
    if unused:
        sys.exit(f"demonyms.tsv: unknown codes or places: {', '.join(unused)}")
    lines.append("")
    lines.append("# ---- organisations (data/organizations.tsv) ----")
    for e in organizations("organizations.tsv"):
        remember(e).emit(lines)
    lines.append("")
    lines.append("# ---- well-known persons (data/people.tsv) ----")
    for e in organizations("people.tsv"):
        remember(e).emit(lines)
    lines.append("")
    lines.append("# ---- events (data/events.tsv) ----")
    for e in organizations("events.tsv"):
        remember(e).emit(lines)
    lines.append("")
    lines.append("# ---- named instances of WordNet 3.0 (data/wordnet_instances.tsv) ----")
    lines.append(wordnet_notice().rstrip("\n"))
    for e in wordnet_entries(known_forms):
        e.emit(lines)
    lines.append("")
    lines.append("# ---- cue words (data/cues.tsv) ----")
    lines.extend(cues())
    lines.append("")
    lines.append("# ---- titles and roles (data/titles.tsv) ----")
    lines.extend(titles())
    lines.append("")
    lines.append(
        "# ---- person names (1990 US Census, via libtext-names-perl) and common words "
        "(SCOWL, via wamerican-small) ----"
    )
    lines.extend(person_names())
    text = "\n".join(lines) + "\n"

    write_file(args.output, text)


if __name__ == "__main__":
    main()
