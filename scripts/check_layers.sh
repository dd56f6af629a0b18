#!/usr/bin/env bash
# The layers of the package, checked from the source: every `import` of every Swift file under
# Sources/<target>/ must name a module that the target may use. Dependencies point one way:
#
#   C shims (CIgraph, CPropagationKernels, CThreadPlacement, CSQLite)
#     <- AllianceGraph         (core: model, graph, igraph bridge, kernels, rules, simulation,
#                               crisis, metrics, landscape, generator)
#     <- AllianceGraphFormats  (JSON, scenario and graph files, importers, result tables, files)
#     <- AllianceGraphRender   (SVG pictures, charts, the HTML report)
#     <- AllianceGraphExperiments (parameter sweeps: spec, run plan, seeds, SQLite store, merge;
#                               also uses the CSQLite shim)
#     <- alliancectl           (the command-line tool)
#
# Prints each file and import that points the wrong way (or names an unknown module) and exits 1;
# exits 0 when every import is allowed. Usage: scripts/check_layers.sh [package root]
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root/Sources"

# Modules any target may import: the toolchain's own.
system="Foundation FoundationEssentials Glibc Darwin Dispatch Synchronization"

allowed_for() {
    case "$1" in
        CIgraph|CPropagationKernels|CThreadPlacement|CSQLite) echo "" ;;
        AllianceGraph) echo "CIgraph CPropagationKernels CThreadPlacement" ;;
        AllianceGraphFormats) echo "AllianceGraph" ;;
        AllianceGraphRender) echo "AllianceGraph AllianceGraphFormats" ;;
        AllianceGraphExperiments) echo "AllianceGraph AllianceGraphFormats CSQLite" ;;
        alliancectl) echo "AllianceGraph AllianceGraphFormats AllianceGraphRender AllianceGraphExperiments ArgumentParser" ;;
        *) echo "UNKNOWN" ;;
    esac
}

status=0
checked=0
for target in */; do
    target=${target%/}
    allowed=$(allowed_for "$target")
    if [ "$allowed" = "UNKNOWN" ]; then
        echo "check_layers: Sources/$target is a target this script does not know; add its layer here"
        status=1
        continue
    fi
    while IFS= read -r file; do
        checked=$((checked + 1))
        # `import X`, `@testable import X`, `package import X`, `import struct X.Y`, ...
        while IFS= read -r module; do
            [ -z "$module" ] && continue
            case " $system $allowed " in
                *" $module "*) ;;
                *)
                    echo "Sources/$file: imports $module, which $target may not use (allowed: ${allowed:-none})"
                    status=1
                    ;;
            esac
        done < <(sed -n -E 's/^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*((public|package|internal)[[:space:]]+)?import[[:space:]]+((struct|class|enum|protocol|func|var|let|typealias)[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*).*/\7/p' "$file")
    done < <(find "$target" -name '*.docc' -prune -o -name '*.swift' -print | sort)
done
if [ "$status" = 0 ]; then
    echo "check_layers: $checked Swift files, every import points down the layers"
fi
exit $status
