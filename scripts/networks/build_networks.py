#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Build the curated scenario files in Networks/ from the reference data.

Usage (from the repository root):

    python3 scripts/networks/build_networks.py [--data ../shared/data] [--out Networks]
    python3 scripts/networks/build_networks.py --propensity-table   # README table for 1936

Reads the COW / ATOP / Thompson-Dreyer files in ../shared/data (never copied into the
repository) and writes europe-1914.json, europe-1936.json, cold-war-1962.json and
nato-2024.json in the format of docs/FORMAT.md ("alliancegraph/1"). Every figure taken from
the data is looked up here, and every hand-coded fact or modelling choice is a named
constant below with its reason; Networks/README.md explains both. The output is
deterministic (no randomness, sorted iteration) and the tests never run this script: the
generated JSON files are committed.

Standard library only (python3 >= 3.8).
"""

import argparse
import csv
import os
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

KINDS = [("defense", "defense"), ("offense", "offense"), ("neutral", "neutrality"),
         ("nonagg", "nonaggression"), ("consul", "consultation")]
ATOP_LAST_YEAR = 2018          # last year of atop5_1dy; a spell reaching it gets no `until`
LICENCE = ("Curation: AllianceGraph project, GPL-2.0-or-later (like the project). "
           "Figures from the datasets cited here remain subject to their providers' terms.")


# --------------------------------------------------------------------------- data access

class Data:
    def __init__(self, folder):
        self.folder = folder
        self.cinc = {}        # (ccode, year) -> cinc
        self.atop = {}        # ((lo, hi), column) -> set(years)
        self.rivalries = []   # dict rows
        self.contig = []      # dict rows
        self.majors = []      # (ccode, styear, endyear)
        self.abb = {}         # ccode -> COW abbreviation
        self.wars = []        # dict rows of cow_war_inter_dyadyear
        self._load()

    def _rows(self, name):
        path = os.path.join(self.folder, name)
        if not os.path.exists(path):
            sys.exit(f"missing data file {path}; pass --data")
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def _load(self):
        for r in self._rows("NMC-60-abridged.csv"):
            c = float(r["cinc"])
            if c >= 0:
                self.cinc[(int(r["ccode"]), int(r["year"]))] = c
        for r in self._rows("atop5_1dy.csv"):
            key = (int(r["mem1"]), int(r["mem2"]))
            key = (min(key), max(key))
            for col, _ in KINDS:
                if r[col] == "1":
                    self.atop.setdefault((key, col), set()).add(int(r["year"]))
        self.rivalries = self._rows("td_rivalries.csv")
        self.contig = self._rows("contdir.csv")
        for r in self._rows("majors2016.csv"):
            self.majors.append((int(r["ccode"]), int(r["styear"]), int(r["endyear"])))
        for r in self._rows("states2016.csv"):
            self.abb[int(r["ccode"])] = r["stateabb"]
        self.wars = self._rows("cow_war_inter_dyadyear.csv")

    def is_major(self, ccode, year):
        return any(c == ccode and s <= year <= e for c, s, e in self.majors)

    def atop_spell(self, a, b, col, year):
        """The run of consecutive ATOP years containing `year` with column `col` = 1."""
        years = self.atop.get(((min(a, b), max(a, b)), col), set())
        if year not in years:
            return None
        s = year
        while s - 1 in years:
            s -= 1
        e = year
        while e + 1 in years:
            e += 1
        return s, e

    def atop_pairs(self, ccodes, year):
        """Sorted (lo, hi) pairs among `ccodes` with any obligation in `year`."""
        cs = set(ccodes)
        out = set()
        for (key, _), years in self.atop.items():
            if key[0] in cs and key[1] in cs and year in years:
                out.add(key)
        return sorted(out)

    def active_rivalries(self, ccodes, year, until_data_end=False):
        cs = set(ccodes)
        out = []
        for r in self.rivalries:
            a, b = int(r["ccode1"]), int(r["ccode2"])
            if a in cs and b in cs and int(r["styear"]) <= year:
                end = int(r["endyear"])
                if year <= end or (until_data_end and end == 2010):
                    out.append(r)
        return sorted(out, key=lambda r: int(r["rivalryno"]))

    def contiguity(self, ccodes, yyyymm):
        """Closest COW contiguity type per pair among spells covering yyyymm (type 0 skipped)."""
        cs = set(ccodes)
        best = {}
        for r in self.contig:
            a, b, t = int(r["statelno"]), int(r["statehno"]), int(r["conttype"])
            if a in cs and b in cs and t != 0 and int(r["begin"]) <= yyyymm <= int(r["end"]):
                key = (min(a, b), max(a, b))
                if key not in best or t < best[key][0]:
                    best[key] = (t, r["begin"], r["end"])
        return best

    def war_opponents(self, ccodes, y0, y1):
        """Pairs on opposite sides of a COW inter-state war in years y0..y1 -> war numbers."""
        cs = set(ccodes)
        out = {}
        for r in self.wars:
            a, b, y = int(r["ccode1"]), int(r["ccode2"]), int(r["year"])
            if a in cs and b in cs and y0 <= y <= y1 and r["sidea1"] != r["sidea2"]:
                out.setdefault((min(a, b), max(a, b)), set()).add(int(r["warnum"]))
        return out


# --------------------------------------------------------------------------- helpers

def sig4(x):
    """Round to 4 significant figures (figures in the files are never more precise)."""
    return float(f"{x:.4g}")


def intensity_for(row):
    """Rivalry intensity rule, all files: T&D list >= 2 types (a rivalry contested over
    several issues, e.g. space and position) -> 1.0; a single type -> 0.7."""
    types = [row[k] for k in ("type1", "type2", "type3") if row[k]]
    return 1.0 if len(types) >= 2 else 0.7


def rivalry_note(row, extra=""):
    types = "+".join(row[k] for k in ("type1", "type2", "type3") if row[k])
    n = (f"Thompson & Dreyer rivalry {row['rivalryno']} '{row['rivalryname']}' "
         f"{row['styear']}-{row['endyear']} ({types})")
    return n + extra


def atop_commitments(data, ccodes, code_of, year, pairs=None, overrides=None, tag=None):
    """One commitment per ATOP obligation column that is 1 in `year` for each pair.

    `overrides[(codeA, codeB, kind)]` may set credibility / reverseCredibility / note suffix,
    with `between` ordered as (codeA, codeB).
    """
    overrides = overrides or {}
    tag = tag or f"ATOP 5.1 atop5_1dy, {year}"
    out = []
    for lo, hi in (pairs if pairs is not None else data.atop_pairs(ccodes, year)):
        for col, kind in KINDS:
            spell = data.atop_spell(lo, hi, col, year)
            if not spell:
                continue
            a, b = code_of[lo], code_of[hi]
            ov = overrides.get((a, b, kind)) or overrides.get((b, a, kind))
            between = [a, b]
            if ov and "order" in ov:
                between = list(ov["order"])
            c = {"kind": kind, "between": between}
            if ov and "credibility" in ov:
                c["credibility"] = ov["credibility"]
            if ov and "reverseCredibility" in ov:
                c["reverseCredibility"] = ov["reverseCredibility"]
            c["since"] = spell[0]
            if ov and "until" in ov:
                c["until"] = ov["until"]
            elif spell[1] < ATOP_LAST_YEAR:
                c["until"] = spell[1]
            note = f"{tag}: {col}=1 (ATOP spell {spell[0]}-{spell[1]})"
            if ov and "note" in ov:
                note += "; " + ov["note"]
            c["note"] = note
            out.append(c)
    return out


def contiguity_entries(data, ccodes, code_of, yyyymm):
    out = []
    for (lo, hi), (t, b, e) in sorted(data.contiguity(ccodes, yyyymm).items()):
        out.append({"between": [code_of[lo], code_of[hi]], "type": t,
                    "note": f"COW contdir 3.2, spell {b}-{e}"})
    return out


def rivalry_entries(data, ccodes, code_of, year, carried=False, extra=""):
    out = []
    for r in data.active_rivalries(ccodes, year, until_data_end=carried):
        a, b = int(r["ccode1"]), int(r["ccode2"])
        e = {"between": [code_of[a], code_of[b]], "intensity": intensity_for(r),
             "since": int(r["styear"])}
        if int(r["endyear"]) < 2010:     # 2010 is the last year of the T&D data: open
            e["until"] = int(r["endyear"])
        note = rivalry_note(r)
        if carried and int(r["endyear"]) < year:
            note += extra
        e["note"] = note
        out.append(e)
    return out


def make_states(data, spec, year, cinc_year, fallback=None, extra_fields=None):
    """spec: list of (code, ccode, name). fallback[code] = (value, note)."""
    fallback = fallback or {}
    extra_fields = extra_fields or {}
    states = []
    for code, cc, name in spec:
        s = {"code": code, "ccode": cc, "name": name}
        if (cc, cinc_year) in data.cinc:
            s["capability"] = sig4(data.cinc[(cc, cinc_year)])
            note = f"capability: CINC {cinc_year}, COW NMC 6.0 (NMC-60-abridged.csv)"
        else:
            value, why = fallback[code]
            s["capability"] = value
            note = f"capability: {why}"
        for k, v in extra_fields.get(code, {}).items():
            if k == "note":
                note += "; " + v
            else:
                s[k] = v
        s["major"] = data.is_major(cc, year)
        note += f"; major per COW majors2016 in {year}" if s["major"] else ""
        s["note"] = note
        states.append(s)
    return states


# --------------------------------------------------------------------------- JSON writer

def num(x):
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    d = Decimal(repr(float(x)))
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
        if "." not in s:
            s += ".0"
    return s


def inline(v):
    import json
    if isinstance(v, dict):
        return "{" + ", ".join(json.dumps(k) + ": " + inline(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(inline(x) for x in v) + "]"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    return num(v)


def dump(doc):
    import json
    lines = ["{"]
    keys = list(doc.keys())
    for i, k in enumerate(keys):
        v = doc[k]
        comma = "," if i < len(keys) - 1 else ""
        if isinstance(v, list) and v and (isinstance(v[0], (dict, str))):
            lines.append(f"  {json.dumps(k)}: [")
            for j, item in enumerate(v):
                c2 = "," if j < len(v) - 1 else ""
                lines.append("    " + inline(item) + c2)
            lines.append("  ]" + comma)
        else:
            lines.append(f"  {json.dumps(k)}: {inline(v)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- europe-1914

E1914 = [("AUH", 300, "Austria-Hungary"), ("YUG", 345, "Serbia"), ("RUS", 365, "Russia"),
         ("GMY", 255, "Germany"), ("FRN", 220, "France"), ("UKG", 200, "United Kingdom"),
         ("BEL", 211, "Belgium"), ("LUX", 212, "Luxembourg"), ("MNG", 341, "Montenegro"),
         ("ITA", 325, "Italy"), ("ROM", 360, "Romania"), ("TUR", 640, "Ottoman Empire"),
         ("BUL", 355, "Bulgaria"), ("GRC", 350, "Greece"), ("JPN", 740, "Japan"),
         ("USA", 2, "United States"), ("POR", 235, "Portugal"), ("NTH", 210, "Netherlands")]

E1914_FALLBACK = {
    "LUX": (0.0015, "modelling choice: NMC has no Luxembourg before 1920 (COW state system "
                    "from 1920); its first NMC value, CINC 1920 = 0.00148, rounded to 0.0015, "
                    "is used for 1913 (steel industry, no army to speak of)"),
    "MNG": (0.0005, "modelling choice: NMC has no Montenegro before 2006 (not in the COW state "
                    "system 1878-1918 although ATOP codes its pledges with 341); small value "
                    "0.0005, below Serbia's 0.00178"),
}

E1914_OVERRIDES = {
    ("YUG", "BUL", "defense"): {"note": "Balkan League; lapsed with the Second Balkan War (1913), absent from ATOP 1914"},
    ("YUG", "BUL", "offense"): {"note": "Balkan League; lapsed with the Second Balkan War (1913), absent from ATOP 1914"},
    ("YUG", "BUL", "neutrality"): {"note": "Balkan League; lapsed with the Second Balkan War (1913), absent from ATOP 1914"},
    ("YUG", "BUL", "consultation"): {"note": "Balkan League; lapsed with the Second Balkan War (1913), absent from ATOP 1914"},
    ("GRC", "BUL", "defense"): {"note": "Balkan League; lapsed with the Second Balkan War (1913), absent from ATOP 1914"},
    ("GRC", "BUL", "neutrality"): {"note": "Balkan League; lapsed with the Second Balkan War (1913), absent from ATOP 1914"},
    ("GRC", "YUG", "defense"): {
        "order": ("GRC", "YUG"), "credibility": 0.3, "reverseCredibility": 1.0,
        "note": "Serbian-Greek treaty of 1913, directed against Bulgaria; in 1914 Greece held "
                "that its casus foederis did not cover an Austro-Hungarian attack: Greece's "
                "pledge (credibility) 0.3, Serbia's (reverseCredibility) 1"},
    ("GRC", "YUG", "offense"): {
        "order": ("GRC", "YUG"), "credibility": 0.3, "reverseCredibility": 1.0,
        "note": "Serbian-Greek treaty of 1913, directed against Bulgaria; Greece's pledge 0.3 "
                "as for defense"},
    ("GRC", "YUG", "neutrality"): {"order": ("GRC", "YUG"), "note": "Serbian-Greek treaty of 1913"},
    ("GRC", "YUG", "consultation"): {"order": ("GRC", "YUG"), "note": "Serbian-Greek treaty of 1913"},
    ("GMY", "ITA", "offense"): {
        "credibility": 0.3,
        "note": "the offensive clause (German-Italian treaty of 1887, carried into the Triple "
                "Alliance renewals) covered a war with France arising from a French move in "
                "North Africa, not a Balkan war; the format has no conditional pledges, so it "
                "is kept with credibility 0.3 in both directions (below the 0.672 honour "
                "threshold)"},
}


def europe_1914(data):
    code_of = {cc: c for c, cc, _ in E1914}
    ccodes = [cc for _, cc, _ in E1914]
    states = make_states(data, E1914, 1914, 1913, E1914_FALLBACK)
    commitments = atop_commitments(data, ccodes, code_of, 1913, overrides=E1914_OVERRIDES)
    commitments += [
        {"kind": "patronage", "from": "RUS", "to": "YUG", "credibility": 0.9, "since": 1914,
         "note": "informal: Russia's July 1914 commitment to Serbia (Council of Ministers, "
                 "24-25 July; general mobilisation 30 July); no treaty; modelling choice 0.9"},
        {"kind": "offense", "from": "GMY", "to": "AUH", "credibility": 1.0, "since": 1914,
         "note": "informal: the German 'blank cheque' of 5-6 July 1914, unconditional support "
                 "of Austria-Hungary against Serbia"},
    ]
    for g in ("UKG", "FRN", "GMY"):
        note = "Treaty of London (1839), guarantee of Belgian neutrality"
        if g == "GMY":
            note += ("; signed by Prussia, binding on Germany as successor; Germany itself "
                     "violated it on 4 Aug 1914 (credibility kept at 1: the pledge on paper)")
        if g == "UKG":
            note += "; the UK entered the war on 4 Aug 1914 over its violation"
        commitments.append({"kind": "guarantee", "from": g, "to": "BEL", "credibility": 1.0,
                            "since": 1839, "note": note})
    for g in ("UKG", "FRN", "GMY", "AUH", "RUS", "ITA"):
        commitments.append({
            "kind": "guarantee", "from": g, "to": "LUX", "credibility": 0.3, "since": 1867,
            "note": "Treaty of London (1867), collective guarantee of Luxembourg's neutrality; "
                    "read by the UK as not binding any guarantor individually: credibility 0.3"})
    rivalries = rivalry_entries(data, ccodes, code_of, 1914)
    contiguity = contiguity_entries(data, ccodes, code_of, 191407)
    contiguity += [
        {"between": ["BEL", "LUX"], "type": 1, "note": "modelling choice: COW contdir starts Luxembourg in 192011; the border is unchanged since 1839"},
        {"between": ["FRN", "LUX"], "type": 1, "note": "modelling choice: COW contdir starts Luxembourg in 192011; border near Longwy, unchanged since 1871"},
        {"between": ["GMY", "LUX"], "type": 1, "note": "modelling choice: COW contdir starts Luxembourg in 192011; border unchanged since 1871"},
        {"between": ["AUH", "MNG"], "type": 1, "note": "modelling choice: COW contdir has no Montenegro before 2006; land border with Dalmatia and Bosnia-Herzegovina"},
        {"between": ["MNG", "YUG"], "type": 1, "note": "modelling choice: COW contdir has no Montenegro before 2006; common border after the partition of the Sanjak of Novi Pazar (1913)"},
    ]
    return {
        "format": "alliancegraph/1",
        "name": "Europe, July 1914",
        "year": 1914,
        "description": ("The July crisis: 18 states, the ATOP 5.1 pledges in force in 1913, the "
                        "informal ties that carried the war (Russia-Serbia, the Belgian "
                        "guarantee, the blank cheque) and Germany's war plan. Run the crisis "
                        "AUH -> YUG. Sources and modelling choices: Networks/README.md. " + LICENCE),
        "codes": "cow",
        "sources": [
            "Leeds, Ritter, Mitchell & Long (2002), Alliance Treaty Obligations and Provisions (ATOP) v5.1, atop5_1dy, year 1913 (atopdata.org)",
            "Correlates of War, National Material Capabilities v6.0 (Singer, Bremer & Stuckey 1972), CINC 1913 (correlatesofwar.org)",
            "Correlates of War, State System Membership and Major Powers (2016)",
            "Correlates of War, Direct Contiguity v3.2, spells covering July 1914",
            "Thompson & Dreyer (2011), Handbook of International Rivalries, 1494-2010 (CQ Press)",
            "Treaty of London (1839) on Belgium; Treaty of London (1867) on Luxembourg",
            "Van Evera (1984), The Cult of the Offensive and the Origins of the First World War, International Security 9(1)",
            "Facts and sequence of events: the standard histories of the July crisis, restated with their sources in Networks/README.md",
        ],
        "parameters": {"offenseDefense": 1.5},
        "states": states,
        "commitments": commitments,
        "rivalries": rivalries,
        "contiguity": contiguity,
        "warPlans": [{"actor": "GMY", "trigger": ["RUS", "FRN"], "attack": ["LUX", "BEL", "FRN"],
                      "note": "Schlieffen-Moltke plan: at war with Russia (or France), attack France first, through Luxembourg (occupied 2 Aug 1914) and Belgium (invaded 4 Aug)"}],
    }


# --------------------------------------------------------------------------- europe-1936

E1936 = [("UKG", 200, "United Kingdom"), ("FRN", 220, "France"), ("RUS", 365, "Soviet Union"),
         ("CZE", 315, "Czechoslovakia"), ("YUG", 345, "Yugoslavia"), ("GRC", 350, "Greece"),
         ("DEN", 390, "Denmark"), ("POL", 290, "Poland"), ("POR", 235, "Portugal"),
         ("GMY", 255, "Germany"), ("ITA", 325, "Italy"), ("HUN", 310, "Hungary"),
         ("ROM", 360, "Romania"), ("FIN", 375, "Finland"), ("EST", 366, "Estonia"),
         ("LAT", 367, "Latvia"), ("LIT", 368, "Lithuania")]

# Propensity rule, written before it was applied (Networks/README.md):
#   p_ij = G + R + T + W
#   G  regime type in 1936: +1 same, -1 different (democracy / dictatorship / communist)
#   R  dominant religious tradition: +1 same, 0 different (USSR coded 'none': state atheism)
#   T  territory and ethnicity: -1 when (a) Thompson & Dreyer code a rivalry active in 1936
#      with a spatial (territorial) component, or (b) one of the two claimed, or an
#      irredentist movement of its co-ethnics campaigned for, territory of the other
#   W  history of war: -1 when COW's inter-state war data put the two on opposite sides in
#      any war year 1911-1935 (no successor mapping: Austria-Hungary's wars are not Hungary's)
REGIME_1936 = {
    "UKG": "democracy", "FRN": "democracy", "CZE": "democracy", "DEN": "democracy",
    "FIN": "democracy",
    "ROM": "democracy",   # restricted parliamentary monarchy; royal dictatorship only from Feb 1938
    "RUS": "communist",
    "GMY": "dictatorship", "ITA": "dictatorship", "POR": "dictatorship", "POL": "dictatorship",
    "HUN": "dictatorship", "YUG": "dictatorship", "EST": "dictatorship", "LAT": "dictatorship",
    "LIT": "dictatorship",
    "GRC": "dictatorship",  # Metaxas regime from 4 Aug 1936
}
REGIME_WHY = {
    "UKG": "parliamentary democracy", "FRN": "parliamentary democracy (Popular Front)",
    "CZE": "parliamentary democracy", "DEN": "parliamentary democracy",
    "FIN": "parliamentary democracy", "ROM": "restricted parliamentary monarchy (royal dictatorship only from Feb 1938)",
    "RUS": "communist one-party state", "GMY": "National Socialist dictatorship",
    "ITA": "Fascist dictatorship", "POR": "Estado Novo (Salazar)",
    "POL": "Sanacja authoritarian regime (since 1926; constitution of 1935)",
    "HUN": "authoritarian regency (Horthy; Gombos government)",
    "YUG": "royal dictatorship since 1929 (regency, Stojadinovic)",
    "EST": "Pats authoritarian regime (since March 1934)", "LAT": "Ulmanis dictatorship (since May 1934)",
    "LIT": "Smetona authoritarian regime (since 1926)", "GRC": "Metaxas dictatorship (from 4 Aug 1936)",
}
RELIGION_1936 = {
    "UKG": "Protestant", "DEN": "Protestant", "GMY": "Protestant", "FIN": "Protestant",
    "EST": "Protestant", "LAT": "Protestant",
    "FRN": "Catholic", "CZE": "Catholic", "POL": "Catholic", "POR": "Catholic",
    "ITA": "Catholic", "HUN": "Catholic", "LIT": "Catholic",
    "YUG": "Orthodox", "GRC": "Orthodox", "ROM": "Orthodox",
    "RUS": "none",
}
# (b) irredentist / territorial disputes not already covered by a spatial T&D rivalry
IRREDENTA_1936 = {
    ("GMY", "LIT"): "Memel (Klaipeda) territory, German population",
    ("DEN", "GMY"): "North Schleswig: German minority campaigning for border revision",
    ("GRC", "ITA"): "Dodecanese under Italian rule, Greek population (union movement)",
    ("GRC", "UKG"): "Cyprus under British rule, Greek Cypriot enosis movement (1931 revolt)",
    ("ROM", "RUS"): "Bessarabia: annexed by Romania 1918, never recognised by the USSR",
    ("FIN", "RUS"): "East Karelia: Finnish irredentist movement (Greater Finland)",
}


def propensities_1936(data):
    code_of = {cc: c for c, cc, _ in E1936}
    codes = [c for c, _, _ in E1936]
    ccodes = [cc for _, cc, _ in E1936]
    spatial = {}
    for r in data.active_rivalries(ccodes, 1936):
        if "spatial" in (r["type1"], r["type2"], r["type3"]):
            a, b = code_of[int(r["ccode1"])], code_of[int(r["ccode2"])]
            spatial[frozenset((a, b))] = f"T&D {r['rivalryname']} (spatial)"
    irr = {frozenset(k): v for k, v in IRREDENTA_1936.items()}
    wars = {frozenset((code_of[a], code_of[b])): w
            for (a, b), w in data.war_opponents(ccodes, 1911, 1935).items()}
    rows = []
    for i in range(len(codes)):
        for j in range(i + 1, len(codes)):
            a, b = codes[i], codes[j]
            key = frozenset((a, b))
            g = 1 if REGIME_1936[a] == REGIME_1936[b] else -1
            r = 1 if RELIGION_1936[a] == RELIGION_1936[b] and RELIGION_1936[a] != "none" else 0
            t_why = spatial.get(key) or irr.get(key)
            t = -1 if t_why else 0
            w = -1 if key in wars else 0
            w_why = ("COW war " + ", ".join(str(x) for x in sorted(wars[key]))) if w else ""
            rows.append((a, b, g, r, t, w, g + r + t + w, t_why or "", w_why))
    return rows


def europe_1936(data):
    code_of = {cc: c for c, cc, _ in E1936}
    ccodes = [cc for _, cc, _ in E1936]
    extra = {c: {"note": f"regime 1936: {REGIME_1936[c]} ({REGIME_WHY[c]}); religion: {RELIGION_1936[c]}"}
             for c in REGIME_1936}
    states = make_states(data, E1936, 1936, 1936, extra_fields=extra)
    locarno = "Locarno (1925); Germany repudiated it on 7 Mar 1936 (Rhineland), ATOP still codes 1936"
    overrides = {("UKG", "GMY", "defense"): {"note": locarno},
                 ("FRN", "GMY", "defense"): {"note": locarno},
                 ("FRN", "GMY", "nonaggression"): {"note": locarno}}
    commitments = atop_commitments(data, ccodes, code_of, 1936, overrides=overrides)
    props = [{"between": [a, b], "value": v} for a, b, _, _, _, _, v, _, _ in propensities_1936(data)]
    return {
        "format": "alliancegraph/1",
        "name": "Europe 1936 (Axelrod & Bennett alignment landscape)",
        "year": 1936,
        "description": ("The 17 European states of Axelrod & Bennett (1993) with CINC 1936 as "
                        "sizes and an explicit, rule-based reconstruction of their "
                        "propensities (the original matrix is not published machine-readably); "
                        "the rule and every coded fact are in Networks/README.md. Also the ATOP "
                        "1936 commitments, Thompson & Dreyer rivalries and COW contiguity. " + LICENCE),
        "codes": "cow",
        "sources": [
            "Axelrod & Bennett (1993), A Landscape Theory of Aggregation, British Journal of Political Science 23(2): 211-233",
            "Correlates of War, National Material Capabilities v6.0, CINC 1936",
            "Correlates of War, Major Powers (2016); Direct Contiguity v3.2, spells covering July 1936",
            "Correlates of War, Inter-State War Data v4.0 (history of war 1911-1935)",
            "Leeds, Ritter, Mitchell & Long (2002), ATOP v5.1, atop5_1dy, year 1936",
            "Thompson & Dreyer (2011), Handbook of International Rivalries, 1494-2010",
            "Regime, religion and irredentist claims: project coding, listed in Networks/README.md",
        ],
        "states": states,
        "commitments": commitments,
        "rivalries": rivalry_entries(data, ccodes, code_of, 1936),
        "contiguity": contiguity_entries(data, ccodes, code_of, 193607),
        "propensities": props,
    }


# --------------------------------------------------------------------------- cold-war-1962

NATO_1962 = [("USA", 2, "United States"), ("UKG", 200, "United Kingdom"), ("FRN", 220, "France"),
             ("ITA", 325, "Italy"), ("CAN", 20, "Canada"), ("BEL", 211, "Belgium"),
             ("NTH", 210, "Netherlands"), ("LUX", 212, "Luxembourg"), ("DEN", 390, "Denmark"),
             ("NOR", 385, "Norway"), ("ICE", 395, "Iceland"), ("POR", 235, "Portugal"),
             ("GRC", 350, "Greece"), ("TUR", 640, "Turkey"), ("GFR", 260, "West Germany")]
WP_1962 = [("RUS", 365, "Soviet Union"), ("POL", 290, "Poland"), ("GDR", 265, "East Germany"),
           ("CZE", 315, "Czechoslovakia"), ("HUN", 310, "Hungary"), ("ROM", 360, "Romania"),
           ("BUL", 355, "Bulgaria"), ("ALB", 339, "Albania")]
OTHER_1962 = [("CUB", 40, "Cuba"), ("MEX", 70, "Mexico"), ("VEN", 101, "Venezuela"),
              ("BRA", 140, "Brazil"), ("ARG", 160, "Argentina")]
RIO_1962 = {2, 70, 101, 140, 160}


def cold_war_1962(data):
    spec = NATO_1962 + WP_1962 + OTHER_1962
    code_of = {cc: c for c, cc, _ in spec}
    ccodes = [cc for _, cc, _ in spec]
    nato = {cc for _, cc, _ in NATO_1962}
    wp = {cc for _, cc, _ in WP_1962}
    pairs = []
    for lo, hi in data.atop_pairs(ccodes, 1962):
        if not data.atop_spell(lo, hi, "defense", 1962):
            continue            # only pairs with a defence pledge (see README: Laos 1962)
        if 40 in (lo, hi):
            continue            # Cuba's Rio Treaty pledges: excluded (README)
        pairs.append((lo, hi))
    overrides = {}
    for lo, hi in pairs:
        if 339 in (lo, hi):
            a, b = code_of[lo], code_of[hi]
            for _, kind in KINDS:
                overrides[(a, b, kind)] = {
                    "credibility": 0.3,
                    "note": "Albania stopped taking part in the Warsaw Pact in 1961 (left 1968): credibility 0.3 both ways"}
    commitments = atop_commitments(data, ccodes, code_of, 1962, pairs=pairs, overrides=overrides)
    for c in commitments:
        lo, hi = sorted((next(k for k, v in code_of.items() if v == c["between"][0]),
                         next(k for k, v in code_of.items() if v == c["between"][1])))
        if lo in nato and hi in nato:
            c["note"] += " [NATO members]"
        elif lo in wp and hi in wp:
            c["note"] += " [Warsaw Pact members]"
        elif lo in RIO_1962 and hi in RIO_1962:
            c["note"] += " [Rio Treaty (1947) parties]"
    commitments.append({"kind": "patronage", "from": "RUS", "to": "CUB", "credibility": 0.7,
                        "since": 1960,
                        "note": "informal Soviet protection of Cuba (relations 1960; missile deployment 1962); no treaty in ATOP; credibility 0.7 = the format's default for patronage"})
    return {
        "format": "alliancegraph/1",
        "name": "Cold War, October 1962",
        "year": 1962,
        "description": ("NATO (15) and the Warsaw Pact (8) with Cuba under Soviet patronage and "
                        "four Rio Treaty states, at the Cuban missile crisis. Nuclear deterrence "
                        "makes defence dominant; no hotline yet (1963). " + LICENCE),
        "codes": "cow",
        "sources": [
            "Leeds, Ritter, Mitchell & Long (2002), ATOP v5.1, atop5_1dy, year 1962",
            "Correlates of War, National Material Capabilities v6.0, CINC 1962",
            "Correlates of War, Major Powers (2016); Direct Contiguity v3.2, spells covering October 1962",
            "Thompson & Dreyer (2011), Handbook of International Rivalries, 1494-2010",
            "Jervis (1978), Cooperation under the Security Dilemma, World Politics 30(2) (offence-defence balance)",
            "Facts: the standard histories of the Cuban missile crisis, restated with their sources in Networks/README.md",
        ],
        "parameters": {"offenseDefense": 0.8, "transparency": 0.3},
        "states": make_states(data, spec, 1962, 1962),
        "commitments": commitments,
        "rivalries": rivalry_entries(data, ccodes, code_of, 1962),
        "contiguity": contiguity_entries(data, ccodes, code_of, 196210),
    }


# --------------------------------------------------------------------------- nato-2024

NATO_2024 = [  # code, ccode, name, accession year, 2024 defence spending share of GDP
    ("BEL", 211, "Belgium", 1949, 0.013), ("CAN", 20, "Canada", 1949, 0.014),
    ("DEN", 390, "Denmark", 1949, 0.024), ("FRN", 220, "France", 1949, 0.021),
    ("ICE", 395, "Iceland", 1949, None), ("ITA", 325, "Italy", 1949, 0.015),
    ("LUX", 212, "Luxembourg", 1949, 0.013), ("NTH", 210, "Netherlands", 1949, 0.020),
    ("NOR", 385, "Norway", 1949, 0.022), ("POR", 235, "Portugal", 1949, 0.016),
    ("UKG", 200, "United Kingdom", 1949, 0.023), ("USA", 2, "United States", 1949, 0.034),
    ("GRC", 350, "Greece", 1952, 0.031), ("TUR", 640, "Turkey", 1952, 0.021),
    ("GMY", 255, "Germany", 1955, 0.021), ("SPN", 230, "Spain", 1982, 0.013),
    ("CZR", 316, "Czech Republic", 1999, 0.021), ("HUN", 310, "Hungary", 1999, 0.021),
    ("POL", 290, "Poland", 1999, 0.041), ("BUL", 355, "Bulgaria", 2004, 0.022),
    ("EST", 366, "Estonia", 2004, 0.034), ("LAT", 367, "Latvia", 2004, 0.031),
    ("LIT", 368, "Lithuania", 2004, 0.029), ("ROM", 360, "Romania", 2004, 0.023),
    ("SLO", 317, "Slovakia", 2004, 0.020), ("SLV", 349, "Slovenia", 2004, 0.013),
    ("ALB", 339, "Albania", 2009, 0.020), ("CRO", 344, "Croatia", 2009, 0.018),
    ("MNG", 341, "Montenegro", 2017, 0.020), ("MAC", 343, "North Macedonia", 2020, 0.022),
    ("FIN", 375, "Finland", 2023, 0.024), ("SWD", 380, "Sweden", 2024, 0.021),
]
NONMEMBERS_2024 = [("RUS", 365, "Russia"), ("BLR", 370, "Belarus"), ("UKR", 369, "Ukraine"),
                   ("CHN", 710, "China")]
ICELAND_EFFORT = 0.001
# Russia's revisionist intent (a modelling choice, stated in the README): Russia annexed Crimea
# (2014) and invaded Ukraine (24 Feb 2022); NATO's 2022 Strategic Concept calls Russia "the most
# significant and direct threat to Allies' security"; Russia's draft treaty of 17 Dec 2021 asked
# NATO to withdraw its forces from the members that joined after May 1997.
RUSSIA_INTENT = 0.8
# Eastern-flank rivalries with Russia (modelling choice; Thompson & Dreyer end in 2010): the
# front-line members whose own national security strategies name Russia as the main threat.
# Intensity 0.7 (one type, positional, under the shared rule); since = the year named.
EASTERN_FLANK_2024 = [
    ("POL", 2014, "Poland: National Security Strategy 2020 names the neo-imperial policy of Russia the most serious threat"),
    ("EST", 2014, "Estonia: National Security Concept 2023 names Russia the main threat"),
    ("LAT", 2014, "Latvia: State Defence Concept 2020 names Russia the main threat"),
    ("LIT", 2014, "Lithuania: National Security Strategy 2021 names Russia the main threat"),
    ("ROM", 2014, "Romania: National Defence Strategy 2020-2024 names Russia's aggressive posture in the Black Sea the main threat"),
    ("FIN", 2022, "Finland: applied to join NATO in May 2022 after the invasion of Ukraine; Government report on foreign and security policy 2024 names Russia the threat"),
]
EASTERN_FLANK_INTENSITY = 0.7
NOTE_2024 = {
    "GMY": "joined as West Germany (GFR 260) in 1955; united Germany (COW 255) since 1990",
    "CZR": "COW code CZR 316 (the Czech Republic); CZE 315 is Czechoslovakia",
    "SLO": "COW SLO = Slovakia", "SLV": "COW SLV = Slovenia",
    "MNG": "COW MNG = Montenegro (Mongolia in ISO 3166)", "MAC": "COW MAC = North Macedonia",
}


def nato_2024(data):
    spec = [(c, cc, n) for c, cc, n, _, _ in NATO_2024] + NONMEMBERS_2024
    code_of = {cc: c for c, cc, _ in spec}
    ccodes = [cc for _, cc, _ in spec]
    extra = {}
    for c, cc, n, year, eff in NATO_2024:
        if eff is None:
            extra[c] = {"effort": ICELAND_EFFORT,
                        "note": f"NATO member since {year}; no armed forces: effort 0.001 (the format requires > 0), modelling choice"}
        else:
            extra[c] = {"effort": eff,
                        "note": f"NATO member since {year}; effort: NATO 2024 estimate of defence spending, {eff * 100:.1f} % of GDP"}
        if c in NOTE_2024:
            extra[c]["note"] += "; " + NOTE_2024[c]
    for c, _, _ in NONMEMBERS_2024:
        extra[c] = {"note": "non-member; effort: format default 0.02 (no sourced 2024 figure)"}
    extra["RUS"]["intent"] = RUSSIA_INTENT
    extra["RUS"]["note"] += ("; intent 0.8 (modelling choice): annexation of Crimea 2014, invasion of Ukraine 2022, "
                             "named the most significant and direct threat in NATO's 2022 Strategic Concept")
    states = make_states(data, spec, 2016, 2016, extra_fields=extra)
    for s in states:
        s["note"] = s["note"].replace("CINC 2016, COW NMC 6.0 (NMC-60-abridged.csv)",
                                      "CINC 2016 (last year of COW NMC 6.0, proxy for 2024)")
        s["note"] = s["note"].replace("major per COW majors2016 in 2016",
                                      "major per COW majors2016 (last listed year 2016)")
    joined = {c: y for c, _, _, y, _ in NATO_2024}
    members = [c for c, _, _, _, _ in NATO_2024]
    commitments = []
    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            a, b = members[i], members[j]
            commitments.append({"kind": "defense", "between": [a, b],
                                "since": max(joined[a], joined[b]),
                                "note": "North Atlantic Treaty, Article 5"})
    commitments += atop_commitments(
        data, ccodes, code_of, 2018, pairs=[(365, 370)],
        tag="ATOP 5.1 atop5_1dy, 2018 (last ATOP year, carried forward to 2024)")
    for c in commitments[-3:]:
        c["note"] += " [Union State / CSTO]"
    carried = "; T&D data end in 2010: carried forward to 2024 (modelling choice)"
    rivalries = rivalry_entries(data, ccodes, code_of, 2024, carried=True, extra=carried)
    rivalries.append({"between": ["RUS", "UKR"], "intensity": 1.0, "since": 2014,
                      "note": "modelling choice, not in Thompson & Dreyer (data end 2010): Russia's annexation of Crimea (2014) and full-scale invasion (Feb 2022); intensity 1"})
    for code, since, why in EASTERN_FLANK_2024:
        rivalries.append({"between": ["RUS", code], "intensity": EASTERN_FLANK_INTENSITY, "since": since,
                          "note": "eastern flank, modelling choice, not in Thompson & Dreyer (data end 2010): " + why})
    return {
        "format": "alliancegraph/1",
        "name": "NATO 2024",
        "year": 2024,
        "description": ("NATO's 32 members with their accession years and 2024 defence "
                        "spending, and Russia, Belarus, Ukraine and China. Capabilities are "
                        "CINC 2016, the last year of COW NMC 6.0, as a proxy for 2024. Codes "
                        "are COW: MNG = Montenegro, MAC = North Macedonia, SLV = Slovenia, "
                        "SLO = Slovakia, CZR = Czech Republic. " + LICENCE),
        "codes": "cow",
        "sources": [
            "North Atlantic Treaty (1949), Article 5; accession years and 2024 defence expenditure estimates (NATO, Defence Expenditure of NATO Countries 2014-2024)",
            "Correlates of War, National Material Capabilities v6.0, CINC 2016 (proxy for 2024)",
            "Correlates of War, State System Membership and Major Powers (2016); Direct Contiguity v3.2, spells covering December 2016",
            "Leeds, Ritter, Mitchell & Long (2002), ATOP v5.1, atop5_1dy, year 2018 (Russia-Belarus)",
            "Thompson & Dreyer (2011), Handbook of International Rivalries, 1494-2010 (rivalries active in 2010 carried forward)",
        ],
        "states": states,
        "commitments": commitments,
        "rivalries": rivalries,
        "contiguity": contiguity_entries(data, ccodes, code_of, 201612),
    }


# --------------------------------------------------------------------------- main

BUILDERS = [("europe-1914.json", europe_1914), ("europe-1936.json", europe_1936),
            ("cold-war-1962.json", cold_war_1962), ("nato-2024.json", nato_2024)]


def propensity_table(data):
    lines = ["| pair | G regime | R religion | T territory/ethnicity | W war 1911-35 | p | why (T; W) |",
             "|---|---|---|---|---|---|---|"]
    for a, b, g, r, t, w, p, t_why, w_why in propensities_1936(data):
        why = "; ".join(x for x in (t_why, w_why) if x)
        lines.append(f"| {a}-{b} | {g:+d} | {r:+d} | {t:+d} | {w:+d} | {p:+d} | {why} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.normpath(os.path.join(ROOT, "..", "shared", "data")))
    ap.add_argument("--out", default=os.path.join(ROOT, "Networks"))
    ap.add_argument("--propensity-table", action="store_true",
                    help="print the 1936 propensity coding as a Markdown table and exit")
    args = ap.parse_args()
    data = Data(args.data)
    if args.propensity_table:
        print(propensity_table(data))
        return
    os.makedirs(args.out, exist_ok=True)
    for name, build in BUILDERS:
        text = dump(build(data))
        path = os.path.join(args.out, name)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
