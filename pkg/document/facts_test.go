package document

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/imagefacts"
)

// builtinFacts reads the image and package facts the rules ship (the
// policies package cannot be imported here: it depends on this one).
func builtinFacts(t testing.TB) *imagefacts.Catalog {
	t.Helper()
	gd := map[string]any{}
	for _, name := range []string{"images", "packages"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "policies", "golintdocker", name, "data.json"))
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s/data.json: %v", name, err)
		}
		gd[name] = v
	}
	c, err := imagefacts.New(gd)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// withFacts builds src with the built-in image and package facts.
func withFacts(t *testing.T, src string, opt Options) *Document {
	t.Helper()
	opt.Facts = builtinFacts(t)
	return build(t, src, opt)
}

func roles(d *Document) []string {
	var out []string
	for _, s := range d.Stages {
		out = append(out, s.Role)
	}
	return out
}

func TestRoles(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		opt       Options
		roles     []string
		runtime   []int
	}{
		{"builder and runtime", `FROM golang:1.27-alpine AS build
RUN go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`, Options{}, []string{"builder", "runtime"}, []int{1}},
		{"export stage last", `FROM golang:1.27-alpine AS build
RUN go build -o /out/app .
FROM scratch AS binaries
COPY --from=build /out/app /
`, Options{}, []string{"builder", "export"}, []int{}},
		{"release hidden by a test stage", `FROM golang:1.27 AS build
RUN CGO_ENABLED=0 go build -o /out/app .
FROM alpine:3.22 AS release
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
FROM build AS test
RUN go test ./...
`, Options{}, []string{"builder", "runtime", "check"}, []int{1}},
		{"lint stage by name", `FROM golangci/golangci-lint:v2.1 AS lint
RUN golangci-lint run
`, Options{}, []string{"check"}, []int{}},
		{"dev container", `FROM golang:1.27 AS dev
RUN go install github.com/air-verse/air@latest
CMD ["air"]
`, Options{}, []string{"dev"}, []int{}},
		{"golangci-lint image", `FROM golang:1.27 AS builder
RUN CGO_ENABLED=0 go build -o /golangci-lint ./cmd/golangci-lint
FROM golang:1.27
COPY --from=builder /golangci-lint /usr/bin/
CMD ["golangci-lint"]
`, Options{}, []string{"builder", "toolchain"}, []int{}},
		{"interpreter image", `FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y python3
CMD ["python3"]
`, Options{}, []string{"toolchain"}, []int{}},
		{"single stage app", `FROM golang:1.27
COPY . .
RUN go build -o /app .
CMD ["/app"]
`, Options{}, []string{"runtime"}, []int{0}},
		{"target picks a debug image", `FROM golang:1.27-alpine AS build
RUN go build -o /out/app .
FROM busybox:1.37 AS debug
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`, Options{Target: "debug"}, []string{"builder", "runtime", "runtime"}, []int{1}},
		{"onbuild image", `FROM golang:1.8
ONBUILD COPY . /go/src/app
CMD ["go-wrapper", "run"]
`, Options{}, []string{"base"}, []int{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := withFacts(t, tc.src, tc.opt)
			if got := roles(d); !slices.Equal(got, tc.roles) {
				for _, s := range d.Stages {
					t.Logf("stage %d: %s %v", s.Index, s.Role, s.RoleEvidence)
				}
				t.Errorf("roles = %v, want %v", got, tc.roles)
			}
			if !slices.Equal(d.RuntimeStages, tc.runtime) {
				t.Errorf("runtime stages = %v, want %v", d.RuntimeStages, tc.runtime)
			}
			for _, s := range d.Stages {
				if len(s.RoleEvidence) == 0 {
					t.Errorf("stage %d has no evidence for %s", s.Index, s.Role)
				}
			}
		})
	}
}

// goBuild returns the go command on line n.
func goBuild(t *testing.T, d *Document, line int) GoCommand {
	t.Helper()
	for _, s := range d.Stages {
		for _, in := range s.Instructions {
			if in.Run == nil {
				continue
			}
			for _, g := range in.Run.Go {
				if g.Line == line {
					return g
				}
			}
		}
	}
	t.Fatalf("no go command on line %d", line)
	return GoCommand{}
}

func TestShippedBuilds(t *testing.T) {
	d := withFacts(t, `FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS tools
RUN go install github.com/bufbuild/buf/cmd/buf@v1.50.0
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY --from=tools /go/bin/buf /usr/local/bin/buf
RUN buf generate
RUN go build ./...
RUN go install std
RUN go build -o /out/ ./cmd/api ./cmd/worker
RUN go build -o bin/server ./cmd/server && cp bin/server /usr/local/bin/server
RUN go build -gcflags="all=-N -l" -o /out/debug ./cmd/server
FROM alpine:3.22
COPY --from=build /usr/local/bin/server /server
COPY --from=build /out/ /opt/
ENTRYPOINT ["/server"]
`, Options{})
	for _, tc := range []struct {
		line  int
		kind  string
		ships bool
	}{
		{2, "binary", false}, // a tool for the build
		{7, "check", false},
		{8, "std", false},
		{9, "binary", true}, // a directory of binaries copied in
		{10, "binary", true},
		{11, "debug", true},
	} {
		g := goBuild(t, d, tc.line)
		if g.Build == nil || g.Build.Kind != tc.kind || g.Build.Ships != tc.ships {
			t.Errorf("line %d: build = %+v, want kind %s ships %v", tc.line, g.Build, tc.kind, tc.ships)
		}
	}
	final := d.Stages[2]
	var paths []string
	for _, b := range final.Binaries {
		paths = append(paths, b.Path)
	}
	if !slices.Contains(paths, "/server") {
		t.Errorf("binaries of the runtime image = %v, want /server among them", paths)
	}
}

func TestExpandedValues(t *testing.T) {
	d := withFacts(t, `ARG LDFLAGS="-s -w -X main.v=1"
FROM golang:1.27-alpine AS base
ARG LDFLAGS
ENV GO_TAGS="netgo timetzdata"
FROM base AS build
ARG UNSET
RUN go build -ldflags "${LDFLAGS}" -tags "$GO_TAGS" -o /app .
RUN go build -ldflags "$UNSET" -o /app2 .
RUN CGO_ENABLED=$UNSET go build -o /app3 .
`, Options{})
	g := goBuild(t, d, 7)
	if g.Ldflags == nil || !slices.Equal(g.Ldflags.Flags, []string{"-s", "-w", "-X", "main.v=1"}) {
		t.Errorf("ldflags from a global ARG default = %+v", g.Ldflags)
	}
	if !slices.Equal(g.Tags, []string{"netgo", "timetzdata"}) {
		t.Errorf("tags from a parent stage's ENV = %v", g.Tags)
	}
	if len(g.Unknown) != 0 {
		t.Errorf("unknown = %v, want none", g.Unknown)
	}
	if g := goBuild(t, d, 8); !slices.Contains(g.Unknown, "ldflags") {
		t.Errorf("ldflags from an ARG without a default should be unknown: %v", g.Unknown)
	}
	if g := goBuild(t, d, 9); !slices.Contains(g.Unknown, "cgo_enabled") || g.Build.CGO != nil {
		t.Errorf("CGO_ENABLED from an ARG without a default should be unknown: %v %v", g.Unknown, g.Build.CGO)
	}
	bd := withFacts(t, `FROM golang:1.27-alpine
ARG UNSET
RUN go build -ldflags "$UNSET" -o /app .
`, Options{BuildArgs: map[string]string{"UNSET": "-s -w"}})
	if g := goBuild(t, bd, 3); len(g.Unknown) != 0 || g.Ldflags == nil || !slices.Equal(g.Ldflags.Flags, []string{"-s", "-w"}) {
		t.Errorf("--build-arg value: %+v %v", g.Ldflags, g.Unknown)
	}
}

func TestCgoModel(t *testing.T) {
	for _, tc := range []struct {
		name, src   string
		cgo, static *bool
		libc        string
	}{
		{"golang:alpine has no C compiler", "FROM golang:1.27-alpine\nRUN go build -o /app .\n", ptr(false), ptr(true), "musl"},
		{"golang (Debian) has gcc", "FROM golang:1.27\nRUN go build -o /app .\n", ptr(true), ptr(false), "glibc"},
		{"gcc installed on alpine", "FROM golang:1.27-alpine\nRUN apk add --no-cache gcc musl-dev\nRUN go build -o /app .\n", ptr(true), ptr(false), "musl"},
		{"static link", "FROM golang:1.27\nRUN go build -ldflags '-extldflags \"-static\"' -o /app .\n", ptr(true), ptr(true), "glibc"},
		{"netgo and osusergo", "FROM golang:1.27\nRUN go build -tags netgo,osusergo -o /app .\n", ptr(true), nil, "glibc"},
		{"explicit off", "FROM golang:1.27\nRUN CGO_ENABLED=0 go build -o /app .\n", ptr(false), ptr(true), "glibc"},
		{"unknown builder", "FROM registry.example.com/go:1\nRUN go build -o /app .\n", nil, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := withFacts(t, tc.src, Options{})
			line := strings.Count(tc.src, "\n")
			b := goBuild(t, d, line).Build
			if !eqPtr(b.CGO, tc.cgo) || !eqPtr(b.Static, tc.static) || b.Libc != tc.libc {
				t.Errorf("cgo %v static %v libc %q (%s), want %v %v %q", boolStr(b.CGO), boolStr(b.Static), b.Libc, b.CGOReason, boolStr(tc.cgo), boolStr(tc.static), tc.libc)
			}
		})
	}
}

func TestFiles(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		ca, tz    *bool
	}{
		{"scratch", "FROM scratch\nCOPY app /app\n", ptr(false), ptr(false)},
		{"curl with recommends brings certs", "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n", ptr(true), nil},
		{"curl without recommends does not", "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n", ptr(false), nil},
		{"openjdk brings certs", "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless\n", ptr(true), ptr(false)},
		{"ubuntu before 18.04 has tzdata", "FROM ubuntu:16.04\n", ptr(false), ptr(true)},
		{"removed virtual package", "FROM alpine:3.22\nRUN apk add --no-cache --virtual .deps tzdata && apk del .deps\n", ptr(true), ptr(false)},
		{"copied in", "FROM scratch\nCOPY --from=golang:1.27 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n", ptr(true), ptr(false)},
		{"tree onto /", "FROM scratch\nCOPY --from=busybox:1.37 / /\n", nil, nil},
		// A COPY from where the files are not fails the build: it brings
		// nothing, so the stage is no source for them (but is not called
		// without them either: copies-uninstalled-files reports the COPY).
		{"copied from a stage without them", "FROM golang:1.27-alpine AS build\nFROM scratch\nCOPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\n", ptr(false), nil},
		{"copied from an image without them", "FROM scratch\nCOPY --from=debian:bookworm-slim /etc/ssl/certs /etc/ssl/certs\n", nil, ptr(false)},
		{"copied from a stage that installs them", "FROM golang:1.27-alpine AS build\nRUN apk add --no-cache tzdata\nFROM scratch\nCOPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\n", ptr(false), ptr(true)},
		{"SSL_CERT_FILE", "FROM scratch\nENV SSL_CERT_FILE=/certs/ca.pem\n", ptr(true), ptr(false)},
		{"unknown image", "FROM registry.example.com/base:1\n", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := withFacts(t, tc.src, Options{})
			f := d.Stages[len(d.Stages)-1].Files
			if !eqPtr(f.CACerts, tc.ca) || !eqPtr(f.Tzdata, tc.tz) {
				t.Errorf("ca_certs %s tzdata %s, want %s %s", boolStr(f.CACerts), boolStr(f.Tzdata), boolStr(tc.ca), boolStr(tc.tz))
			}
		})
	}
}

func TestWindowsStage(t *testing.T) {
	d := withFacts(t, "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n", Options{})
	if d.Stages[0].OS != "windows" {
		t.Errorf("os = %q", d.Stages[0].OS)
	}
	d = withFacts(t, "FROM registry.example.com/win:1\nWORKDIR C:\\\\app\n", Options{})
	if d.Stages[0].OS != "windows" {
		t.Errorf("C:\\ path: os = %q", d.Stages[0].OS)
	}
}

func ptr(b bool) *bool { return &b }

func eqPtr(a, b *bool) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

func boolStr(b *bool) string {
	if b == nil {
		return "null"
	}
	if *b {
		return "true"
	}
	return "false"
}

// go install of several commands puts binaries whose names are not known in
// $GOPATH/bin; COPY --from=build /go/bin/* ships them.
func TestGlobCopyOfInstallDir(t *testing.T) {
	d := withFacts(t, `FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN go install ./cmd/agent ./cmd/cli
FROM alpine:3.22
COPY --from=build /go/bin/* /usr/local/bin/
`, Options{})
	if d.Stages[1].Role != RoleRuntime || !goBuild(t, d, 4).Build.Ships {
		t.Errorf("role %s (%v), ships %v", d.Stages[1].Role, d.Stages[1].RoleEvidence, goBuild(t, d, 4).Build.Ships)
	}
}

// Ready-made Go binaries: copied from an image ko built, or, when a
// GoReleaser configuration builds the Dockerfile, the program the image
// starts copied from the context. Anything else copied in is not one.
func TestPrebuilt(t *testing.T) {
	for _, tc := range []struct {
		name, src, goreleaser string
		want                  []string // by:path
	}{
		{"ko", "FROM ubuntu:24.04\nCOPY --from=gcr.io/projectsigstore/cosign:v2.4.1 /ko-app/cosign /usr/local/bin/\nENTRYPOINT [\"cosign\"]\n", "", []string{"ko:/usr/local/bin/cosign"}},
		{"ko file", "FROM alpine:3.20\nCOPY --from=ghcr.io/example/app:v1 /ko-app/app /app\nENTRYPOINT [\"/app\"]\n", "", []string{"ko:/app"}},
		{"not ko", "FROM alpine:3.20\nCOPY --from=ghcr.io/example/app:v1 /usr/bin/app /app\nENTRYPOINT [\"/app\"]\n", "", nil},
		{"goreleaser", "FROM alpine:3.20\nCOPY myapp /usr/bin/myapp\nCOPY config.yaml /etc/myapp/\nENTRYPOINT [\"/usr/bin/myapp\"]\n", ".goreleaser.yaml", []string{"goreleaser:/usr/bin/myapp"}},
		{"goreleaser through PATH and tini", "FROM alpine:3.20\nCOPY myapp /usr/local/bin/\nENTRYPOINT [\"/sbin/tini\", \"--\", \"myapp\"]\n", ".goreleaser.yaml", []string{"goreleaser:/usr/local/bin/myapp"}},
		{"no goreleaser", "FROM alpine:3.20\nCOPY myapp /usr/bin/myapp\nENTRYPOINT [\"/usr/bin/myapp\"]\n", "", nil},
		{"goreleaser, other program", "FROM alpine:3.20\nCOPY myapp /usr/bin/myapp\nCOPY run.sh /run.sh\nENTRYPOINT [\"/run.sh\"]\n", ".goreleaser.yaml", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := withFacts(t, tc.src, Options{Goreleaser: tc.goreleaser})
			var got []string
			for _, p := range d.Stages[len(d.Stages)-1].Prebuilt {
				got = append(got, p.By+":"+p.Path)
				if p.Evidence == "" || p.Line == 0 {
					t.Errorf("%+v: no evidence or line", p)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("prebuilt = %v, want %v", got, tc.want)
			}
		})
	}
}
