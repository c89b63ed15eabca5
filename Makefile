# golint-docker — `make test` is what CI runs (.ci/run); see README.md.
GO       ?= go
BIN      ?= bin/golint-docker
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -s -w -X main.version=$(VERSION)
PKGS     := ./...

.PHONY: all build test vet fmt fmt-check docs bundle bench fuzz clean

all: build

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/golint-docker

# Everything CI checks: formatting (Go and Rego), vet, every Go and Rego test,
# the testdata suite, the corpus, and golint-docker on its own Dockerfile.
test: fmt-check vet
	$(GO) test -count=1 $(PKGS)
	$(GO) test -count=1 -run '^$$' -bench . -benchtime 1x ./pkg/... ./policies/ > /dev/null
	$(GO) run ./cmd/golint-docker --failure-threshold info Dockerfile

vet:
	$(GO) vet $(PKGS)

fmt:
	gofmt -w cmd pkg policies
	$(GO) tool opa fmt -w policies

fmt-check:
	@out=$$(gofmt -l cmd pkg policies); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Fuzz each target for FUZZTIME (default 2m). Crashers land in the package's
# testdata/fuzz/<Target>/ and become regression cases of plain `go test`.
FUZZTIME ?= 2m
FUZZ_TARGETS := ./pkg/document:FuzzDocument ./pkg/lint:FuzzLint ./pkg/config:FuzzParse ./pkg/discover:FuzzFiles
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; \
		echo "== $$fn ($$pkg) for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) $(FUZZFLAGS) $$pkg; \
	done

# Benchmarks: Go benchmarks (-benchmem), then the command-level comparison
# (bench/run.sh: cold start against a Go hello world, many files against a
# BuildKit parse-only baseline; PEERS=1 adds conftest). Not part of make test.
bench:
	mkdir -p .cache
	$(GO) test -run '^$$' -bench . -benchmem -count 5 ./pkg/... ./policies/ | tee .cache/bench-go.txt
	PEERS=$(PEERS) bench/run.sh

# The built-in rules (plus POLICY=dir ...) as an OPA bundle.
bundle:
	$(GO) run ./cmd/golint-docker bundle $(foreach p,$(POLICY),--policy $(p)) -o golint-docker-bundle.tar.gz

# Regenerate docs/rules.md from the rules' METADATA (a test fails when it is stale).
docs:
	$(GO) run ./cmd/golint-docker rules --format markdown > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md

clean:
	rm -rf bin
