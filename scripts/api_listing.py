#!/usr/bin/env python3
"""The library's public API as a sorted text listing, one declaration per line.

Reads the symbol graphs that `swift package dump-symbol-graph --skip-synthesized-members` writes
(public symbols only; SPI symbols, which only the package's own benchmarks and fuzzers import
with `@_spi(Internals)`, are left out) for the three library modules, and prints
`Module: Path.to.symbol  <declaration>` lines. Usage:

    scripts/api_listing.py SYMBOL_GRAPH_DIR            print the listing
    scripts/api_listing.py SYMBOL_GRAPH_DIR --check F  compare with the checked-in listing F

With --check it exits 1 and prints a unified diff when the public surface changed: a change to
the public API is then made on purpose by regenerating api/public-api.txt (`make api`), and the
diff is reviewed with the change.
"""
import difflib
import json
import os
import sys

MODULES = ["AllianceGraph", "AllianceGraphFormats", "AllianceGraphRender"]


def listing(folder):
    lines = set()
    types = 0
    for module in MODULES:
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".symbols.json"):
                continue
            if name != f"{module}.symbols.json" and not name.startswith(f"{module}@"):
                continue
            graph = json.load(open(os.path.join(folder, name)))
            for symbol in graph.get("symbols", []):
                if symbol.get("spi"):
                    continue
                if symbol.get("accessLevel") not in ("public", "open"):
                    continue
                path = ".".join(symbol["pathComponents"])
                declaration = "".join(f["spelling"] for f in symbol.get("declarationFragments", []))
                declaration = " ".join(declaration.split())
                kind = symbol["kind"]["identifier"].removeprefix("swift.")
                lines.add(f"{module}: {path}  [{kind}] {declaration}")
                if kind in ("struct", "enum", "class", "protocol", "actor") and len(symbol["pathComponents"]) == 1:
                    types += 1
    return sorted(lines), types


def main(argv):
    if not argv:
        print(__doc__)
        return 64
    lines, types = listing(argv[0])
    text = "\n".join(lines) + "\n"
    if len(argv) >= 3 and argv[1] == "--check":
        expected = open(argv[2]).read()
        if expected != text:
            sys.stdout.writelines(difflib.unified_diff(
                expected.splitlines(True), text.splitlines(True), argv[2], "built public API"))
            print(f"api_listing: the public API differs from {argv[2]}; if the change is intended, run `make api`"
                  " and commit the listing")
            return 1
        print(f"api_listing: public API unchanged ({len(lines)} declarations, {types} top-level types)")
        return 0
    sys.stdout.write(text)
    print(f"api_listing: {len(lines)} declarations, {types} top-level types", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
