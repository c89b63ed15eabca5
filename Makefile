# golint-docker — `make test` is what CI runs (.ci/run); see README.md.
GO       ?= go
BIN      ?= bin/golint-docker
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
# The variable the release version is linked into. .goreleaser.yaml and the
# Dockerfile name the same one (scripts/release_test.go checks all three).
VERSION_VAR := main.version
LDFLAGS  := -s -w -X $(VERSION_VAR)=$(VERSION)
PKGS     := ./...

.PHONY: all build test test-stress vet fmt fmt-check docs generate bundle bench fuzz release-tools release-check release-snapshot clean

all: build

# Static (CGO_ENABLED=0), as released (.goreleaser.yaml, Dockerfile,
# scripts/action.sh): no dynamic loader and libc to map at every start.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/golint-docker

# Everything CI checks: formatting (Go and Rego), vet, every Go and Rego test,
# the testdata suite, the corpus, and golint-docker on its own Dockerfile.
test: fmt-check vet
	$(GO) test -count=1 $(PKGS)
	$(GO) test -count=1 -run '^$$' -bench . -benchtime 1x ./pkg/... ./policies/ > /dev/null
	$(GO) run ./cmd/golint-docker --failure-threshold info Dockerfile

# Every test, and the stress tests too: huge files, runaway policies,
# wall-clock and memory bounds, a cold build — slow, and sensitive to a busy
# machine. They are guarded by testenv.Stress (GOLINT_DOCKER_STRESS=1) or
# built only with the stress tag. RUN=regexp narrows it.
test-stress:
	GOLINT_DOCKER_STRESS=1 $(GO) test -count=1 -timeout 30m -tags stress $(if $(RUN),-run '$(RUN)') $(PKGS)

vet:
	$(GO) vet -tags bench,stress $(PKGS)

fmt:
	gofmt -w cmd pkg policies scripts
	$(GO) tool opa fmt -w policies

fmt-check:
	@out=$$(gofmt -l cmd pkg policies scripts); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

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

# Regenerate what go generate makes: pkg/policy's document → OPA value
# conversion (from pkg/document's types), pkg/builtin's metadata and
# compiled form of the built-in rules. Tests fail when any is stale.
generate:
	$(GO) generate ./pkg/policy
	$(GO) generate ./pkg/builtin

# Regenerate docs/rules.md from the rules' METADATA and docs/lib.md from the
# Rego library's (a test fails when either is stale).
docs:
	$(GO) run ./cmd/golint-docker rules --format markdown > docs/rules.md.tmp && mv docs/rules.md.tmp docs/rules.md
	$(GO) test ./policies -run '^TestLibDoc$$' -update

# Release archives for every platform into dist/, as a tag would build them,
# without publishing and without Docker. GoReleaser and cyclonedx-gomod (the
# SBOMs) are installed into .cache/bin, not into go.mod.
GORELEASER_VERSION := v2.15.1
CYCLONEDX_VERSION  := v1.10.0
TOOLS := $(CURDIR)/.cache/bin
release-tools:
	GOBIN=$(TOOLS) GOFLAGS= $(GO) install github.com/goreleaser/goreleaser/v2@$(GORELEASER_VERSION)
	GOBIN=$(TOOLS) GOFLAGS= $(GO) install github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod@$(CYCLONEDX_VERSION)

release-check: release-tools
	$(TOOLS)/goreleaser check

release-snapshot: release-tools
	PATH="$(TOOLS):$$PATH" $(TOOLS)/goreleaser release --snapshot --clean --skip=publish,docker

clean:
	rm -rf bin dist
