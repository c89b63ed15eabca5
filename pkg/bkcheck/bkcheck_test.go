package bkcheck

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/testgen"
)

// hit is a finding reduced to what the tests assert.
type hit struct {
	Rule string
	Line int
}

func hits(fs []finding.Finding) []hit {
	var hs []hit
	for _, f := range fs {
		hs = append(hs, hit{f.RuleID, f.Line})
	}
	return hs
}

func check(t *testing.T, src string, opts Options) []finding.Finding {
	t.Helper()
	fs, err := Check(context.Background(), "Dockerfile", []byte(src), opts)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return fs
}

// checkCase is one BuildKit check: a realistic Dockerfile that triggers it,
// where, and a fixed version of the same file that triggers nothing at all.
type checkCase struct {
	rule  string
	bad   string
	want  []hit
	clean string
	opts  Options
}

var checkCases = []checkCase{
	{
		rule: "StageNameCasing",
		bad: `FROM golang:1.23 AS Build
WORKDIR /src
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12
COPY --from=Build /out/app /app
ENTRYPOINT ["/app"]
`,
		want: []hit{{"StageNameCasing", 1}},
		clean: `FROM golang:1.23 AS build
WORKDIR /src
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`,
	},
	{
		rule: "FromAsCasing",
		bad: `FROM golang:1.23 as build
WORKDIR /src
RUN go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`,
		want: []hit{{"FromAsCasing", 1}},
		clean: `FROM golang:1.23 AS build
WORKDIR /src
RUN go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`,
	},
	{
		rule: "NoEmptyContinuation",
		bad: `FROM alpine:3.20
RUN apk add --no-cache \

    ca-certificates \
    tzdata
`,
		// BuildKit points at the last line of the instruction.
		want: []hit{{"NoEmptyContinuation", 5}},
		clean: `FROM alpine:3.20
RUN apk add --no-cache \
    ca-certificates \
    tzdata
`,
	},
	{
		rule: "ConsistentInstructionCasing",
		bad: `FROM golang:1.23
WORKDIR /src
copy . .
RUN go build -o /app .
`,
		want: []hit{{"ConsistentInstructionCasing", 3}},
		clean: `FROM golang:1.23
WORKDIR /src
COPY . .
RUN go build -o /app .
`,
	},
	{
		rule: "DuplicateStageName",
		bad: `FROM golang:1.23 AS build
RUN go version
FROM golang:1.23-alpine AS build
RUN go version
`,
		want: []hit{{"DuplicateStageName", 3}},
		clean: `FROM golang:1.23 AS build
RUN go version
FROM golang:1.23-alpine AS build-alpine
RUN go version
`,
	},
	{
		rule: "ReservedStageName",
		bad: `FROM golang:1.23 AS scratch
RUN go version
`,
		want: []hit{{"ReservedStageName", 1}},
		clean: `FROM golang:1.23 AS build
RUN go version
`,
	},
	{
		rule: "JSONArgsRecommended",
		bad: `FROM gcr.io/distroless/static-debian12
COPY app /app
ENTRYPOINT /app --port 8080
`,
		want: []hit{{"JSONArgsRecommended", 3}},
		clean: `FROM gcr.io/distroless/static-debian12
COPY app /app
ENTRYPOINT ["/app", "--port", "8080"]
`,
	},
	{
		rule: "MaintainerDeprecated",
		bad: `FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
RUN apk add --no-cache ca-certificates
`,
		want: []hit{{"MaintainerDeprecated", 2}},
		clean: `FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
RUN apk add --no-cache ca-certificates
`,
	},
	{
		rule: "UndefinedArgInFrom",
		bad: `ARG VARIANT=alpine
FROM golang:1.23-${VARAINT}
RUN go version
`,
		want: []hit{{"UndefinedArgInFrom", 2}},
		clean: `ARG VARIANT=alpine
FROM golang:1.23-${VARIANT}
RUN go version
`,
	},
	{
		rule: "WorkdirRelativePath",
		bad: `FROM golang:1.23
WORKDIR src/app
COPY . .
RUN go build -o /app .
`,
		want: []hit{{"WorkdirRelativePath", 2}},
		clean: `FROM golang:1.23
WORKDIR /src/app
COPY . .
RUN go build -o /app .
`,
	},
	{
		rule: "UndefinedVar",
		bad: `FROM golang:1.23
ARG APP_VERSION=dev
ENV VERSION=$APP_VERSON
RUN go build -ldflags "-X main.version=$VERSION" -o /app .
`,
		want: []hit{{"UndefinedVar", 3}},
		clean: `FROM golang:1.23
ARG APP_VERSION=dev
ENV VERSION=$APP_VERSION
RUN go build -ldflags "-X main.version=$VERSION" -o /app .
`,
	},
	{
		rule: "MultipleInstructionsDisallowed",
		bad: `FROM gcr.io/distroless/static-debian12
COPY app /app
ENTRYPOINT ["/app"]
ENTRYPOINT ["/app", "serve"]
`,
		want: []hit{{"MultipleInstructionsDisallowed", 3}},
		clean: `FROM gcr.io/distroless/static-debian12
COPY app /app
ENTRYPOINT ["/app", "serve"]
`,
	},
	{
		rule: "LegacyKeyValueFormat",
		bad: `FROM golang:1.23
ENV CGO_ENABLED 0
RUN go build -o /app .
`,
		want: []hit{{"LegacyKeyValueFormat", 2}},
		clean: `FROM golang:1.23
ENV CGO_ENABLED=0
RUN go build -o /app .
`,
	},
	{
		rule: "RedundantTargetPlatform",
		bad: `FROM --platform=$TARGETPLATFORM alpine:3.20
RUN apk add --no-cache ca-certificates
`,
		want: []hit{{"RedundantTargetPlatform", 1}},
		clean: `FROM --platform=$BUILDPLATFORM golang:1.23 AS build
RUN go version
FROM alpine:3.20
RUN apk add --no-cache ca-certificates
`,
	},
	{
		rule: "SecretsUsedInArgOrEnv",
		bad: `FROM golang:1.23
ARG GITHUB_TOKEN
RUN go mod download
`,
		want: []hit{{"SecretsUsedInArgOrEnv", 2}},
		clean: `FROM golang:1.23
RUN --mount=type=secret,id=github_token go mod download
`,
	},
	{
		rule: "InvalidDefaultArgInFrom",
		bad: `ARG GO_VERSION
FROM golang:${GO_VERSION}-alpine
RUN go version
`,
		want: []hit{{"InvalidDefaultArgInFrom", 2}},
		clean: `ARG GO_VERSION=1.23
FROM golang:${GO_VERSION}-alpine
RUN go version
`,
	},
	{
		rule: "FromPlatformFlagConstDisallowed",
		bad: `FROM --platform=linux/amd64 golang:1.23 AS build
RUN go version
`,
		want: []hit{{"FromPlatformFlagConstDisallowed", 1}},
		clean: `FROM --platform=linux/amd64 golang:1.23 AS build-amd64
RUN go version
`,
	},
	{
		rule: "CopyIgnoredFile",
		bad: `FROM golang:1.23
WORKDIR /src
COPY go.mod go.sum ./
COPY .env ./
RUN go build -o /app .
`,
		want: []hit{{"CopyIgnoredFile", 4}},
		clean: `FROM golang:1.23
WORKDIR /src
COPY go.mod go.sum ./
RUN go build -o /app .
`,
		opts: Options{DockerIgnore: []string{".env", "*.md"}},
	},
	{
		rule: "InvalidDefinitionDescription",
		bad: `# check=experimental=InvalidDefinitionDescription

# Go toolchain version.
ARG GO_VERSION=1.23
FROM golang:${GO_VERSION}
RUN go version
`,
		want: []hit{{"InvalidDefinitionDescription", 4}},
		clean: `# check=experimental=InvalidDefinitionDescription

# GO_VERSION is the Go toolchain version.
ARG GO_VERSION=1.23
FROM golang:${GO_VERSION}
RUN go version
`,
	},
	{
		rule: "ExposeProtoCasing",
		bad: `FROM gcr.io/distroless/static-debian12
COPY app /app
EXPOSE 8080/TCP
ENTRYPOINT ["/app"]
`,
		want: []hit{{"ExposeProtoCasing", 3}},
		clean: `FROM gcr.io/distroless/static-debian12
COPY app /app
EXPOSE 8080/tcp
ENTRYPOINT ["/app"]
`,
	},
	{
		rule: "ExposeInvalidFormat",
		bad: `FROM gcr.io/distroless/static-debian12
COPY app /app
EXPOSE 127.0.0.1:8080:8080
ENTRYPOINT ["/app"]
`,
		want: []hit{{"ExposeInvalidFormat", 3}},
		clean: `FROM gcr.io/distroless/static-debian12
COPY app /app
EXPOSE 8080
ENTRYPOINT ["/app"]
`,
	},
}

// TestChecks runs each BuildKit check that can fire offline on a file that
// triggers it and on its fixed version.
func TestChecks(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range checkCases {
		covered[c.rule] = true
		t.Run(c.rule, func(t *testing.T) {
			fs := check(t, c.bad, c.opts)
			if got := hits(fs); !slices.Equal(got, c.want) {
				t.Errorf("bad file: got %v, want %v", got, c.want)
			}
			for _, f := range fs {
				ri := ruleByName[f.RuleID]
				if ri == nil {
					t.Fatalf("finding of unknown rule %q", f.RuleID)
				}
				if f.Message == "" || f.Fix != ri.fix || f.HelpURI == "" || f.Severity != finding.Warning ||
					f.RuleName != kebab(f.RuleID) || f.Title == "" || f.EndLine < f.Line || f.File != "" {
					t.Errorf("malformed finding %+v", f)
				}
			}
			if got := hits(check(t, c.clean, c.opts)); len(got) != 0 {
				t.Errorf("clean file: got %v, want nothing", got)
			}
		})
	}
	for _, ri := range ruleset {
		if ri.offline && !ri.deprecated && !covered[ri.name] {
			t.Errorf("no test case for %s", ri.name)
		}
	}
}

func TestMessagesAreBuildKits(t *testing.T) {
	fs := check(t, "FROM golang:1.23 as build\nCMD go run .\n", Options{})
	want := []string{
		"'as' and 'FROM' keywords' casing do not match",
		"JSON arguments recommended for CMD to prevent unintended behavior related to OS signals",
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.Message)
	}
	if !slices.Equal(got, want) {
		t.Errorf("messages %q, want %q", got, want)
	}
}

func TestMultiLineLocation(t *testing.T) {
	fs := check(t, "FROM alpine:3.20\nENTRYPOINT /bin/sh -c \\\n  'exec /app'\n", Options{})
	if len(fs) != 1 || fs[0].Line != 2 || fs[0].EndLine != 3 {
		t.Errorf("got %+v, want one finding on lines 2-3", fs)
	}
}

const twoWarnings = `FROM golang:1.23 as build
RUN go build -o /app .
CMD /app
`

func TestSkipDirective(t *testing.T) {
	got := hits(check(t, "# check=skip=JSONArgsRecommended\n"+twoWarnings, Options{}))
	if want := []hit{{"FromAsCasing", 2}}; !slices.Equal(got, want) {
		t.Errorf("skip=JSONArgsRecommended: got %v, want %v", got, want)
	}
	got = hits(check(t, "# check=skip=JSONArgsRecommended,FromAsCasing\n"+twoWarnings, Options{}))
	if len(got) != 0 {
		t.Errorf("skip of both: got %v", got)
	}
	got = hits(check(t, "# syntax=docker/dockerfile:1\n# check=skip=all\n"+twoWarnings, Options{}))
	if len(got) != 0 {
		t.Errorf("skip=all: got %v", got)
	}
	// Without the directive both fire.
	if got := hits(check(t, twoWarnings, Options{})); len(got) != 2 {
		t.Errorf("no directive: got %v, want 2 findings", got)
	}
}

func TestCheckErrorModeIsNotAnError(t *testing.T) {
	got := hits(check(t, "# check=error=true\n"+twoWarnings, Options{}))
	if len(got) != 2 {
		t.Errorf("error=true: got %v, want the 2 findings and no error", got)
	}
}

func TestPerInstructionCheckComment(t *testing.T) {
	src := `FROM golang:1.23 AS build
RUN go build -o /app .
# check=skip=JSONArgsRecommended
CMD /app
ENTRYPOINT /app
`
	got := hits(check(t, src, Options{}))
	want := []hit{{"JSONArgsRecommended", 5}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestBuildArgCheckOverridesDirective(t *testing.T) {
	// BUILDKIT_DOCKERFILE_CHECK replaces the file's directive, as in BuildKit.
	got := hits(check(t, "# check=skip=all\n"+twoWarnings, Options{BuildArgs: map[string]string{"BUILDKIT_DOCKERFILE_CHECK": "skip=FromAsCasing"}}))
	if want := []hit{{"JSONArgsRecommended", 4}}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if _, err := Check(context.Background(), "Dockerfile", []byte(twoWarnings), Options{BuildArgs: map[string]string{"BUILDKIT_DOCKERFILE_CHECK": "nonsense"}}); err == nil {
		t.Error("bad BUILDKIT_DOCKERFILE_CHECK: no error")
	}
}

func TestBuildArgsAndTarget(t *testing.T) {
	src := `ARG BASE=alpine:3.20
FROM ${BASE} AS base
RUN echo base

FROM base AS dev
ENTRYPOINT /bin/sh

FROM base AS prod
CMD ["/bin/true"]
`
	// No target: every stage is checked, as docker build --check does.
	if got := hits(check(t, src, Options{})); !slices.Equal(got, []hit{{"JSONArgsRecommended", 6}}) {
		t.Errorf("all stages: got %v", got)
	}
	// Target prod does not depend on dev.
	if got := hits(check(t, src, Options{Target: "prod"})); len(got) != 0 {
		t.Errorf("target prod: got %v", got)
	}
	if _, err := Check(context.Background(), "Dockerfile", []byte(src), Options{Target: "nope"}); err == nil {
		t.Error("unknown target: no error")
	}
	// A build arg is visible where BuildKit expands it.
	src2 := "FROM alpine:3.20\nARG DIR\nWORKDIR $DIR\n"
	if got := hits(check(t, src2, Options{BuildArgs: map[string]string{"DIR": "rel/dir"}})); !slices.Equal(got, []hit{{"WorkdirRelativePath", 3}}) {
		t.Errorf("build arg: got %v", got)
	}
	if got := hits(check(t, src2, Options{BuildArgs: map[string]string{"DIR": "/abs"}})); len(got) != 0 {
		t.Errorf("build arg: got %v", got)
	}
}

func TestPlaceholderForUnsetBaseArg(t *testing.T) {
	src := `ARG BASE_IMAGE
FROM $BASE_IMAGE
COPY app /app
CMD /app
`
	fs, err := Check(context.Background(), "Dockerfile", []byte(src), Options{})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	want := []hit{{"InvalidDefaultArgInFrom", 2}, {"JSONArgsRecommended", 4}}
	if got := hits(fs); !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// Given a value, the file is checked as is.
	fs = check(t, src, Options{BuildArgs: map[string]string{"BASE_IMAGE": "alpine"}})
	if got := hits(fs); !slices.Equal(got, want) {
		t.Errorf("with build arg: got %v, want %v", got, want)
	}
}

func TestDefaultImageEnv(t *testing.T) {
	src := "FROM %s\nWORKDIR $GOPATH/src/app\nRUN go build -o /app .\n"
	if got := hits(check(t, fmt.Sprintf(src, "golang:1.23-alpine"), Options{})); len(got) != 0 {
		t.Errorf("golang base: got %v, want nothing", got)
	}
	want := []hit{{"UndefinedVar", 2}}
	if got := hits(check(t, fmt.Sprintf(src, "alpine:3.20"), Options{})); !slices.Equal(got, want) {
		t.Errorf("alpine base: got %v, want %v", got, want)
	}
	var asked []string
	env := func(ref string) []string {
		asked = append(asked, ref)
		return []string{"GOPATH=/go"}
	}
	if got := hits(check(t, fmt.Sprintf(src, "alpine:3.20"), Options{ImageEnv: env})); len(got) != 0 {
		t.Errorf("ImageEnv: got %v, want nothing", got)
	}
	if !slices.Equal(asked, []string{"docker.io/library/alpine:3.20"}) {
		t.Errorf("ImageEnv asked for %q", asked)
	}
	for ref, ok := range map[string]bool{
		"golang":                        true,
		"golang:1.23.4-bookworm":        true,
		"docker.io/library/golang:1.23": true,
		"mirror.gcr.io/library/golang:1.23@sha256:" + strings.Repeat("a", 64): true,
		"alpine:3.20":                  false,
		"example.com/golang-builder:1": false,
		"${BASE}":                      false,
	} {
		env := DefaultImageEnv(ref)
		if got := slices.Contains(env, "GOPATH=/go"); got != ok {
			t.Errorf("DefaultImageEnv(%q) = %q", ref, env)
		}
	}
	if env := DefaultImageEnv("golang:1.23.4-alpine"); !slices.Contains(env, "GOLANG_VERSION=1.23.4") {
		t.Errorf("GOLANG_VERSION from tag: %q", env)
	}
}

func TestInvalidBaseImagePlatformNeverFires(t *testing.T) {
	src := "FROM --platform=linux/arm64 golang:1.23 AS build-arm64\nRUN go version\nFROM alpine:3.20\nRUN true\n"
	for _, f := range check(t, src, Options{}) {
		if f.RuleID == "InvalidBaseImagePlatform" {
			t.Errorf("InvalidBaseImagePlatform fired: %+v", f)
		}
	}
}

// failingTransport fails the test on any HTTP request.
type failingTransport struct{ t *testing.T }

func (ft failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	ft.t.Errorf("network access: %s %s", r.Method, r.URL)
	return nil, errors.New("network access in a test")
}

// TestNoNetwork makes sure base images are resolved by the local resolver
// (which BuildKit then uses instead of its registry client) and that nothing
// goes out over HTTP.
func TestNoNetwork(t *testing.T) {
	old := http.DefaultTransport
	http.DefaultTransport = failingTransport{t}
	t.Cleanup(func() { http.DefaultTransport = old })
	t.Setenv("HTTPS_PROXY", "http://127.0.0.1:9")
	t.Setenv("HTTP_PROXY", "http://127.0.0.1:9")

	var (
		mu   sync.Mutex
		refs []string
	)
	hook := func(ref string) {
		mu.Lock()
		defer mu.Unlock()
		refs = append(refs, ref)
	}
	resolveHook.Store(&hook)
	t.Cleanup(func() { resolveHook.Store(nil) })

	src := `# syntax=docker/dockerfile:1
FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`
	check(t, src, Options{})
	slices.Sort(refs)
	want := []string{"docker.io/library/golang:1.23", "gcr.io/distroless/static-debian12:nonroot"}
	if !slices.Equal(refs, want) {
		t.Errorf("resolved %q, want %q", refs, want)
	}
}

func TestMalformedIsAnError(t *testing.T) {
	for name, src := range map[string]string{
		"empty":                 "",
		"only comments":         "# nothing here\n",
		"unknown instruction":   "FROM alpine\nFROB x\n",
		"no FROM":               "RUN echo hi\n",
		"FROM without image":    "FROM\n",
		"bad escape":            "# escape=x\nFROM alpine\n",
		"ENV without value":     "FROM alpine\nENV A\n",
		"ENV it cannot process": "FROM alpine\nENV A='a\\'b'\nRUN true\n",
		"bad platform":          "FROM --platform=not/a/valid/platform alpine\n",
		"unterminated heredoc":  "FROM alpine\nRUN <<EOF\necho hi\n",
		"binary":                "\x00\xff\xfe FROM\x00",
	} {
		t.Run(name, func(t *testing.T) {
			fs, err := Check(context.Background(), "Dockerfile", []byte(src), Options{})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v (findings %v), want a *bkcheck.Error", err, hits(fs))
			}
			if !strings.HasPrefix(e.Error(), "Dockerfile") {
				t.Errorf("error %q does not name the file", e)
			}
		})
	}
	// An error BuildKit cannot go past stops the checks, but findings made
	// before it are kept.
	fs, err := Check(context.Background(), "Dockerfile", []byte("FROM alpine as a\nENV A='a\\'b'\nMAINTAINER me\n"), Options{})
	var e *Error
	if !errors.As(err, &e) || e.Line != 2 {
		t.Errorf("got error %v, want one on line 2", err)
	}
	// MAINTAINER is flagged while parsing, before BuildKit's dispatch stops.
	if got := hits(fs); !slices.Equal(got, []hit{{"FromAsCasing", 1}, {"MaintainerDeprecated", 3}}) {
		t.Errorf("findings before the error: %v", got)
	}
	if f, ok := e.Finding(); !ok || f.RuleID != BuildError || f.Line != 2 || !strings.Contains(f.Message, "stopped here, so they checked nothing after line 2") {
		t.Errorf("as a finding: %+v", f)
	}
}

func TestCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Check(ctx, "Dockerfile", []byte("FROM alpine\n"), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestCallerOptionsUntouched(t *testing.T) {
	args := map[string]string{"X": "1"}
	check(t, "ARG BASE\nFROM $BASE\nRUN true\n", Options{BuildArgs: args})
	if len(args) != 1 || args["X"] != "1" {
		t.Errorf("build args changed: %v", args)
	}
}

func TestCopyIgnoredFileDetails(t *testing.T) {
	src := `FROM golang:1.23 AS build
WORKDIR /src
ADD vendor.tar.gz ./
COPY . .
RUN go build -o /out/app .
FROM scratch
COPY --from=build /out/app /app
`
	fs := check(t, src, Options{DockerIgnore: []string{"*.tar.gz", "/out"}})
	if len(fs) != 1 || fs[0].Line != 3 || fs[0].Message != `Attempting to Add file "vendor.tar.gz" that is excluded by .dockerignore` {
		t.Errorf("got %+v", fs)
	}
	// Like BuildKit, no check when .dockerignore has exclusions.
	if got := hits(check(t, src, Options{DockerIgnore: []string{"*.tar.gz", "!keep.tar.gz"}})); len(got) != 0 {
		t.Errorf("with an exclusion: got %v", got)
	}
	// Unknown .dockerignore: nothing to check against.
	if got := hits(check(t, src, Options{})); len(got) != 0 {
		t.Errorf("no .dockerignore: got %v", got)
	}
}

// TestDockerignoreLoadedOnce: the files of one build context share the
// stand-in daemon's client, which loads their .dockerignore (an LLB state
// marshalled and solved) once; other patterns or build args get a client
// of their own, and their own findings.
func TestDockerignoreLoadedOnce(t *testing.T) {
	src := "FROM golang:1.23\nWORKDIR /src\nCOPY secret.env ./\nRUN go build ./...\n"
	ignore := []string{"*.env", t.Name()} // a pattern no other test uses
	for i := range 3 {
		fs := check(t, src+strings.Repeat("\n", i), Options{DockerIgnore: ignore})
		if got := hits(fs); len(got) != 1 || got[0] != (hit{"CopyIgnoredFile", 3}) {
			t.Fatalf("file %d: %v", i, got)
		}
	}
	clients.Lock()
	c := clients.m[clientKey(map[string]string{}, []byte(strings.Join(ignore, "\n")+"\n"))]
	clients.Unlock()
	if c.gw == nil || c.gw.solves.Load() != 1 {
		t.Fatalf("client %+v: want one load of .dockerignore for three files", c.gw)
	}
	if got := hits(check(t, src, Options{DockerIgnore: []string{"*.md", t.Name()}})); len(got) != 0 {
		t.Errorf("other patterns: %v", got)
	}
	withArg := Options{DockerIgnore: ignore, BuildArgs: map[string]string{"BUILDKIT_DOCKERFILE_CHECK": "skip=CopyIgnoredFile"}}
	if got := hits(check(t, src, withArg)); len(got) != 0 {
		t.Errorf("CopyIgnoredFile skipped by a build arg: %v", got)
	}
}

func TestDeadlineStopsWaiting(t *testing.T) {
	// BuildKit takes about a second on this file and does not look at ctx;
	// Check must return ctx's error instead of its findings.
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	fs, err := Check(ctx, "Dockerfile", testgen.ChainedStages(2500), Options{})
	if !errors.Is(err, context.DeadlineExceeded) || fs != nil {
		t.Errorf("got %d findings and %v, want none and context.DeadlineExceeded", len(fs), err)
	}
}
