#!/usr/bin/env python3
"""Check the files of an `alliancectl simulate` run load without cleaning.

Usage: scripts/check_outputs.py RUN_DIR [RUN_DIR ...]

Loads rounds.csv and system.csv with pandas when it is installed (else with the csv module),
checks the columns, their types (numeric where numbers are expected) and that no value is
missing except where missing is meaningful (main_threat when a state faces no threat;
balance and mean_credibility when there are no triangles or no commitments), and that
final.json and run.json parse as JSON. Exits 1 on the first failed check.
"""
import csv
import json
import math
import os
import sys

ROUNDS = ["round", "code", "effort", "power", "threat", "security_ratio", "main_threat", "commitments"]
ROUNDS_INT = ["round", "commitments"]
ROUNDS_FLOAT = ["effort", "power", "threat", "security_ratio"]
SYSTEM_INT = ["round", "commitments", "defense", "offense", "neutrality", "nonaggression", "consultation",
              "guarantee", "patronage", "rivalries", "commitments_added", "commitments_removed", "abandoned",
              "bandwagons", "triad_flips", "propagation_iterations"]
SYSTEM_FLOAT = ["concentration", "mean_effort"]
SYSTEM_MAY_BE_NA = ["balance", "mean_credibility", "modularity", "arms_race_stability", "blocs"]


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check_pandas(folder, pd):
    rounds = pd.read_csv(os.path.join(folder, "rounds.csv"), keep_default_na=False, na_values=["NA"])
    if list(rounds.columns) != ROUNDS:
        fail(f"{folder}/rounds.csv columns {list(rounds.columns)}")
    for column in ROUNDS_INT:
        if not pd.api.types.is_integer_dtype(rounds[column]):
            fail(f"rounds.csv {column} is {rounds[column].dtype}, not integer")
    for column in ROUNDS_FLOAT:
        if not pd.api.types.is_numeric_dtype(rounds[column]) or rounds[column].isna().any():
            fail(f"rounds.csv {column} is {rounds[column].dtype} or has NA")
    if rounds["code"].isna().any() or (rounds["code"] == "").any():
        fail("rounds.csv has an empty code")
    system = pd.read_csv(os.path.join(folder, "system.csv"), keep_default_na=False, na_values=["NA"])
    for column in SYSTEM_INT:
        if column not in system.columns or not pd.api.types.is_integer_dtype(system[column]):
            fail(f"system.csv {column} missing or not integer")
    for column in SYSTEM_FLOAT:
        if not pd.api.types.is_numeric_dtype(system[column]) or system[column].isna().any():
            fail(f"system.csv {column} has NA or is not numeric")
    for column in SYSTEM_MAY_BE_NA:
        if column in system.columns and not pd.api.types.is_numeric_dtype(system[column]):
            fail(f"system.csv {column} is {system[column].dtype}, not numeric")
    states = rounds["code"].nunique()
    if len(rounds) != states * len(system):
        fail(f"rounds.csv has {len(rounds)} rows, expected {states} x {len(system)}")
    return len(system), states


def check_csv_module(folder):
    with open(os.path.join(folder, "rounds.csv"), newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column in ROUNDS_INT:
            int(row[column])
        for column in ROUNDS_FLOAT:
            if math.isnan(float(row[column])):
                fail(f"rounds.csv {column} is NaN")
    with open(os.path.join(folder, "system.csv"), newline="") as handle:
        system = list(csv.DictReader(handle))
    for row in system:
        for column in SYSTEM_INT:
            int(row[column])
        for column in SYSTEM_FLOAT:
            float(row[column])
    return len(system), len({row["code"] for row in rows})


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(64)
    try:
        import pandas as pd
    except ImportError:
        pd = None
    for folder in sys.argv[1:]:
        rounds, states = check_pandas(folder, pd) if pd else check_csv_module(folder)
        for name in ("final.json", "run.json"):
            with open(os.path.join(folder, name)) as handle:
                document = json.load(handle)
        if document.get("format") != "alliancegraph-run/1":
            fail(f"{folder}/run.json has no run format tag")
        print(f"ok {folder}: {rounds} rounds x {states} states ({'pandas' if pd else 'csv module'})")


if __name__ == "__main__":
    main()
