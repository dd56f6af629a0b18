#!/usr/bin/env python3
"""The Python example of docs/PANEL.md, run by CI: build a year panel with `alliancectl panel`,
then join it to peacesciencer-style state-year and dyad-year frames in pandas, and check what the
docs promise (a left join keeps every row, keys are unique, values land where they should).

Usage: scripts/panel/example.py --alliancectl PATH --data DIR [--years 1900-1920]
Skips (exit 0) when pandas or the data folder is absent. Exit 1 on a failed check.
"""
import argparse
import os
import subprocess
import sys
import tempfile


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--alliancectl", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--years", default="1900-1920")
    args = parser.parse_args()
    try:
        import pandas as pd
    except ImportError:
        print("panel example: skipped (pandas is not installed)")
        return 0
    states_file = os.path.join(args.data, "states2016.csv")
    if not os.path.exists(os.path.join(args.data, "atop5_1dy.csv")) or not os.path.exists(states_file):
        print(f"panel example: skipped ({args.data} has no ATOP or COW state list)")
        return 0
    first, last = (int(y) for y in args.years.split("-"))
    out = tempfile.mkdtemp(prefix="panel-example-")
    subprocess.run(
        [args.alliancectl, "panel", "--data", args.data, "--years", args.years, "-o", out, "--quiet"], check=True)

    # A peacesciencer-style state-year frame (what create_stateyears() gives): every COW system
    # member in every year of its membership, keyed by ccode and year.
    members = pd.read_csv(states_file)
    stateyears = pd.DataFrame(
        [(r.ccode, r.statenme, y) for r in members.itertuples()
         for y in range(max(r.styear, first), min(r.endyear, last) + 1)],
        columns=["ccode", "statenme", "year"]).drop_duplicates(["ccode", "year"])

    # The documented three lines.
    panel = pd.read_csv(os.path.join(out, "state_year.csv"))
    df = stateyears.merge(panel, on=["ccode", "year"], how="left")
    print(df.groupby("year")["degree"].mean().tail(3))

    failures = []
    if len(df) != len(stateyears):
        failures.append(f"the left join changed the row count: {len(stateyears)} -> {len(df)}")
    if panel.duplicated(["ccode", "year"]).any():
        failures.append("state_year.csv has duplicate (ccode, year) keys")
    matched = df["degree"].notna().mean()
    print(f"state-years matched by the panel: {matched:.3f} of {len(df)}")
    if matched < 0.95:
        failures.append(f"only {matched:.3f} of the state-years found a panel row")

    # Dyad-years, directed as create_dyadyears() gives them, for one year; absent pairs have no tie.
    year = min(max(1914, first), last)
    ids = stateyears.loc[stateyears.year == year, "ccode"].tolist()
    dyadyears = pd.DataFrame([(a, b, year) for a in ids for b in ids if a != b], columns=["ccode1", "ccode2", "year"])
    dyads = pd.read_csv(os.path.join(out, "dyad_year.csv"))
    dd = dyadyears.merge(dyads, on=["ccode1", "ccode2", "year"], how="left").fillna({"defense": 0, "strength": 0})
    if len(dd) != len(dyadyears):
        failures.append("the dyad left join changed the row count")
    allied = dd[dd.defense == 1]
    print(f"{year}: {len(allied)} directed dyads with a defence pledge of {len(dd)}")
    if year == 1914:
        pair = dd[(dd.ccode1 == 255) & (dd.ccode2 == 300)]  # Germany - Austria-Hungary
        if pair.empty or pair.defense.iloc[0] != 1:
            failures.append("1914: Germany-Austria-Hungary has no defence pledge in dyad_year.csv")
    if dyads.duplicated(["ccode1", "ccode2", "year"]).any():
        failures.append("dyad_year.csv has duplicate (ccode1, ccode2, year) keys")

    system = pd.read_csv(os.path.join(out, "system_year.csv"))
    if list(system.year) != list(range(first, last + 1)):
        failures.append("system_year.csv does not have one row per year")

    for failure in failures:
        print("panel example: FAILED:", failure)
    if not failures:
        print(f"panel example: ok ({len(panel)} state-years, {len(dyads)} dyad-years, {len(system)} years)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
