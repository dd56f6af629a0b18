# AllianceGraph: the README's two commands.
#   make run   installs what is missing (apt), builds in release mode and runs the main job
#   make test  installs what is missing (apt) and runs the whole test suite
SWIFT ?= swift
SUDO := $(shell if [ "$$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then echo sudo; fi)
NETWORK ?= Networks/europe-1914.json
CTL := .build/release/alliancectl

.PHONY: run test deps build clean lint api check-layers check-style check-api example docs

## Install libigraph-dev, libsqlite3-dev and pkg-config with apt when they are missing.
deps:
	@missing=""; \
	dpkg -s libigraph-dev >/dev/null 2>&1 || missing="$$missing libigraph-dev"; \
	dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing="$$missing libsqlite3-dev"; \
	command -v pkg-config >/dev/null 2>&1 || missing="$$missing pkg-config"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing with apt-get"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product alliancectl

## The main job on a bundled network: what it holds, its metrics, and the July 1914 crisis
## (Austria-Hungary attacks Serbia) as a chain-ganging cascade.
run: build
	$(CTL) info $(NETWORK)
	@echo
	$(CTL) metrics $(NETWORK)
	@echo
	$(CTL) crisis $(NETWORK) --attacker AUH --target YUG

test: deps
	$(SWIFT) build
	$(SWIFT) test

## The code's own rules: the layers (each target imports only the targets below it), the public
## API against api/public-api.txt, and the style (swift-format lint, lines <= 120 characters,
## functions <= 100 lines). CI runs all three (`make lint`).
lint: check-layers check-api check-style

check-layers:
	bash scripts/check_layers.sh

check-style:
	bash scripts/check_style.sh

check-api: deps
	$(SWIFT) package dump-symbol-graph --skip-synthesized-members --minimum-access-level public >/dev/null
	python3 scripts/api_listing.py "$$(dirname "$$($(SWIFT) build --show-bin-path)")/symbolgraph" --check api/public-api.txt

## Regenerate the listing of the library's public API (api/public-api.txt) after an intended change.
api: deps
	$(SWIFT) package dump-symbol-graph --skip-synthesized-members --minimum-access-level public >/dev/null
	python3 scripts/api_listing.py "$$(dirname "$$($(SWIFT) build --show-bin-path)")/symbolgraph" > api/public-api.txt

## The README's library example as a downstream package (Examples/FirstProgram), built and run.
example: deps
	$(SWIFT) build --package-path Examples/FirstProgram
	$(SWIFT) run --skip-build --package-path Examples/FirstProgram

## The DocC documentation (Sources/AllianceGraph/AllianceGraph.docc: overview, getting started, three
## tutorials; the library's public symbols) into .build/docs, a static site; any warning fails.
docs: deps
	$(SWIFT) package dump-symbol-graph --skip-synthesized-members --minimum-access-level public >/dev/null
	rm -rf .build/docs-symbols .build/docs && mkdir -p .build/docs-symbols
	cp "$$(dirname "$$($(SWIFT) build --show-bin-path)")/symbolgraph/AllianceGraph.symbols.json" .build/docs-symbols/
	docc convert Sources/AllianceGraph/AllianceGraph.docc --additional-symbol-graph-dir .build/docs-symbols \
		--fallback-display-name AllianceGraph --fallback-bundle-identifier org.alliancegraph.AllianceGraph \
		--transform-for-static-hosting --output-path .build/docs --warnings-as-errors
	@echo "docs: .build/docs (serve the folder; start at documentation/alliancegraph)"

clean:
	rm -rf .build Examples/FirstProgram/.build
