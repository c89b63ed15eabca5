package document

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/parse"
)

func build(t *testing.T, src string, opt Options) *Document {
	t.Helper()
	f, err := parse.Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Build(f, opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func TestGlobalArgsResolveFrom(t *testing.T) {
	src := `ARG GO_VERSION=1.26
ARG VARIANT=alpine
ARG REGISTRY
FROM golang:${GO_VERSION}-${VARIANT} AS build
FROM ${REGISTRY}/base:1
`
	d := build(t, src, Options{})
	from := d.Stages[0].From
	if from.Image != "golang:1.26-alpine" || from.Name != "golang" || from.Tag != "1.26-alpine" || from.Original != "golang:${GO_VERSION}-${VARIANT}" {
		t.Errorf("from = %+v", from)
	}
	if got := d.Stages[1].From.Unresolved; len(got) != 1 || got[0] != "REGISTRY" {
		t.Errorf("unresolved = %v", got)
	}
	d = build(t, src, Options{BuildArgs: map[string]string{"GO_VERSION": "1.27"}})
	if d.Stages[0].From.Image != "golang:1.27-alpine" || !d.Args[0].Provided || str(d.Args[0].Value) != "1.27" || str(d.Args[0].Default) != "1.26" {
		t.Errorf("with --build-arg: %+v %+v", d.Stages[0].From, d.Args[0])
	}
}

func TestUndeclaredVariables(t *testing.T) {
	d := build(t, "ARG A=$B\nARG B=$A\nARG C\nFROM alpine:${A}${B}3.22\nFROM golang:${NOPE}-alpine\nENV X=\"$UNSET$C\"\n", Options{})
	if d.Stages[0].From.Image != "alpine:3.22" {
		t.Errorf("an ARG cycle over undeclared names expands to empty, as in BuildKit: %q", d.Stages[0].From.Image)
	}
	if f := d.Stages[1].From; f.Image != "golang:${NOPE}-alpine" || len(f.Unresolved) != 1 {
		t.Errorf("an undeclared name in FROM stays visible: %+v", f)
	}
	if v := str(d.Stages[1].Instructions[0].Pairs[0].Value); v != "" {
		t.Errorf("ENV of undeclared and value-less names: %q", v)
	}
}

func TestStagesAndFinal(t *testing.T) {
	src := `FROM golang:1.27 AS build
RUN go build -o /app .
FROM build AS test
RUN go test ./...
FROM alpine:3.22 AS unused
FROM scratch AS app
COPY --from=build /app /app
COPY --from=later /x /x
FROM alpine:3.22 AS later
FROM app
`
	d := build(t, src, Options{})
	if d.FinalStage != 5 || !d.Stages[5].Final {
		t.Fatalf("final = %d", d.FinalStage)
	}
	used := []bool{true, false, false, true, true, true}
	for i, s := range d.Stages {
		if s.UsedByFinal != used[i] {
			t.Errorf("stage %d used_by_final = %v", i, s.UsedByFinal)
		}
	}
	if p := d.Stages[1].From.Stage; p == nil || *p != 0 || d.Stages[1].Root != 0 {
		t.Errorf("test stage not based on build: %+v", d.Stages[1].From)
	}
	c := d.Stages[3].Instructions[1].Copy
	if c.FromStage == nil || *c.FromStage != 4 {
		t.Errorf("COPY --from=later (a later stage, as BuildKit allows) = %+v", c)
	}
	d = build(t, src, Options{Target: "test"})
	if d.FinalStage != 1 || !d.Stages[0].UsedByFinal || d.Stages[3].UsedByFinal || d.Stages[5].UsedByFinal {
		t.Errorf("--target test: final %d", d.FinalStage)
	}
	f, _ := parse.Parse("Dockerfile", []byte(src))
	if _, err := Build(f, Options{Target: "nope"}); err == nil || !strings.Contains(err.Error(), `"nope" names no stage`) {
		t.Errorf("bad target: %v", err)
	}
}

func TestEnvironment(t *testing.T) {
	src := `ARG BASE_TAG=1
FROM golang:1.27 AS build
ARG TARGETARCH
ARG CGO=0
ENV CGO_ENABLED=${CGO} GOFLAGS="-trimpath -mod=readonly"
RUN go env -w GOPRIVATE=example.com/*
RUN echo
FROM build AS child
ARG CGO
RUN true
`
	d := build(t, src, Options{})
	run := d.Stages[0].Instructions[4]
	if v, ok := run.Env["TARGETARCH"]; !ok || v != nil {
		t.Errorf("ARG TARGETARCH: %v %v", ok, v)
	}
	if str(run.Env["CGO_ENABLED"]) != "0" || str(run.Env["GOFLAGS"]) != "-trimpath -mod=readonly" {
		t.Errorf("env = CGO_ENABLED %s GOFLAGS %s", str(run.Env["CGO_ENABLED"]), str(run.Env["GOFLAGS"]))
	}
	if _, ok := run.Env["BASE_TAG"]; ok {
		t.Error("a global ARG leaked into the stage without being declared")
	}
	child := d.Stages[1].Instructions[1]
	if str(child.Env["CGO_ENABLED"]) != "0" {
		t.Error("ENV not inherited by a child stage")
	}
	if v, ok := child.Env["CGO"]; !ok || str(v) != "0" {
		t.Errorf("ARG of the parent stage carries over (BuildKit keeps it in the build state): %v %v", ok, str(v))
	}
	if d.Stages[1].GoEnv["GOPRIVATE"] != "example.com/*" {
		t.Errorf("go env -w not inherited: %v", d.Stages[1].GoEnv)
	}
}

func TestGoCommands(t *testing.T) {
	src := "FROM golang:1.27 AS build\n" +
		"ENV GOFLAGS=-trimpath\n" +
		"RUN export CGO_ENABLED=0 && \\\n" +
		"    GOOS=linux GOARCH=$TARGETARCH go build \\\n" +
		"      -ldflags \"-s -w -X 'main.version=${VERSION}'\" -tags netgo,osusergo -o /out/app ./cmd/app\n" +
		"RUN go install -ldflags=-w golang.org/x/tools/gopls@latest\n" +
		"RUN sh -c 'go build -o /x .'\n"
	d := build(t, src, Options{})
	g := d.Stages[0].Instructions[1].Run.Go[0]
	if str(g.CGOEnabled) != "0" || str(g.GOOS) != "linux" || str(g.GOARCH) != "$TARGETARCH" {
		t.Errorf("env facts: cgo %s goos %s goarch %s", str(g.CGOEnabled), str(g.GOOS), str(g.GOARCH))
	}
	if !g.Trimpath || str(g.Output) != "/out/app" || strings.Join(g.Tags, ",") != "netgo,osusergo" || strings.Join(g.Packages, ",") != "./cmd/app" {
		t.Errorf("flags: %+v", g)
	}
	if g.Ldflags == nil || strings.Join(g.Ldflags.Flags, "|") != "-s|-w|-X|main.version=${VERSION}" || g.Ldflags.Quote != `"` {
		t.Fatalf("ldflags = %+v", g.Ldflags)
	}
	if g.Line != 4 || g.Column != 5 || !g.Exact {
		t.Errorf("go command at %d:%d exact=%v", g.Line, g.Column, g.Exact)
	}
	if g.Ldflags.ValuePos.Line != 5 || g.Ldflags.ValuePos.Column != 17 {
		t.Errorf("ldflags value at %+v", g.Ldflags.ValuePos)
	}
	if g.FlagsPos.Line != 4 || g.FlagsPos.Column != 43 {
		t.Errorf("flags insertion point %+v", g.FlagsPos)
	}
	inst := d.Stages[0].Instructions[2].Run.Go[0]
	if inst.Subcommand != "install" || inst.Ldflags.Quote != "" || inst.Ldflags.ValuePos.Column != 25 || inst.Ldflags.FlagPos.Column != 16 || inst.Ldflags.FlagPos.EndColumn != 27 {
		t.Errorf("go install ldflags = %+v", inst.Ldflags)
	}
	nested := d.Stages[0].Instructions[3].Run.Go[0]
	if nested.Subcommand != "build" || nested.Line != 7 || nested.Column != 12 || !nested.Exact {
		t.Errorf("sh -c build at %d:%d exact=%v", nested.Line, nested.Column, nested.Exact)
	}
}

func TestHeredocScripts(t *testing.T) {
	src := "FROM golang:1.27-alpine AS build\n" +
		"RUN <<EOF\n" +
		"set -e\n" +
		"CGO_ENABLED=0 go build -o /app .\n" +
		"EOF\n" +
		"RUN <<EOF\n" +
		"#!/usr/bin/env python3\n" +
		"print('go build')\n" +
		"EOF\n" +
		"RUN sh -e <<SCRIPT\n" +
		"go mod download\n" +
		"SCRIPT\n" +
		"COPY <<EOF /etc/app.conf\n" +
		"x = 1\n" +
		"EOF\n"
	d := build(t, src, Options{})
	ins := d.Stages[0].Instructions
	if g := ins[0].Run.Go; len(g) != 1 || g[0].Line != 4 || g[0].Column != 1 || str(g[0].CGOEnabled) != "0" {
		t.Errorf("RUN <<EOF body: %+v", g)
	}
	if len(ins[0].Run.Heredocs) != 1 || ins[0].Run.Heredocs[0].Line != 3 || ins[0].Run.Heredocs[0].EndLine != 5 {
		t.Errorf("heredoc lines: %+v", ins[0].Run.Heredocs)
	}
	if len(ins[1].Run.Commands) != 0 {
		t.Errorf("a python heredoc was read as shell: %+v", ins[1].Run.Commands)
	}
	if g := ins[2].Run.Go; len(g) != 1 || g[0].Subcommand != "mod download" || g[0].Line != 11 {
		t.Errorf("sh <<SCRIPT body: %+v", g)
	}
	if c := ins[3].Copy; c == nil || len(c.Heredocs) != 1 || c.DestPath != "/etc/app.conf" {
		t.Errorf("COPY heredoc: %+v", c)
	}
}

func TestFormsAndBrokenJSON(t *testing.T) {
	src := `FROM scratch
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
  CMD [ "wget", "-q", "-O", "-", "http://localhost:8080/healthz" ] || exit 1
CMD ["/app", "serve"]
ENTRYPOINT /app
USER appuser:1000
EXPOSE 8080 9090/udp
`
	d := build(t, src, Options{})
	ins := d.Stages[0].Instructions
	hc := ins[0]
	if hc.Form != "shell" || !hc.JSONInvalid || hc.Healthcheck.Form != "shell" || hc.Healthcheck.Interval != "5s" || hc.Healthcheck.Retries != 3 {
		t.Errorf("healthcheck: form %q invalid %v %+v", hc.Form, hc.JSONInvalid, hc.Healthcheck)
	}
	if ins[1].Form != "exec" || ins[1].JSONInvalid || ins[2].Form != "shell" || ins[2].JSONInvalid {
		t.Errorf("cmd %q entrypoint %q", ins[1].Form, ins[2].Form)
	}
	u := ins[3].User
	if u.Name != "appuser" || u.UID != nil || u.GID == nil || *u.GID != 1000 || u.Root {
		t.Errorf("user = %+v", u)
	}
	if len(ins[4].Expose) != 2 || ins[4].Expose[1].Protocol != "udp" {
		t.Errorf("expose = %+v", ins[4].Expose)
	}
	s := d.Stages[0]
	if s.Healthcheck == nil || s.Entrypoint == nil || s.Cmd == nil || s.User == nil || s.Entrypoint.Instruction != 2 {
		t.Errorf("stage refs: %+v %+v %+v", s.Healthcheck, s.Entrypoint, s.Cmd)
	}
}

func TestMounts(t *testing.T) {
	src := "FROM golang:1.27 AS build\nENV GOCACHE=/cache/go\n" +
		"RUN --mount=type=cache,target=/go/pkg/mod,sharing=locked \\\n" +
		"    --mount=type=cache,target=$GOCACHE \\\n" +
		"    --mount=type=bind,from=tools,source=/bin/x,target=/x \\\n" +
		"    --mount=type=secret,id=netrc,target=/root/.netrc \\\n" +
		"    go build .\nFROM alpine:3.22 AS tools\n"
	d := build(t, src, Options{Target: "build"})
	m := d.Stages[0].Instructions[1].Run.Mounts
	if len(m) != 4 {
		t.Fatalf("mounts = %+v", m)
	}
	if m[0].Type != "cache" || m[0].Target != "/go/pkg/mod" || m[0].Sharing != "locked" {
		t.Errorf("cache mount = %+v", m[0])
	}
	if m[1].Target != "/cache/go" {
		t.Errorf("$GOCACHE not expanded: %+v", m[1])
	}
	if m[2].Type != "bind" || m[2].From != "tools" || m[2].FromStage == nil || *m[2].FromStage != 1 || m[2].Source != "/bin/x" {
		t.Errorf("bind mount = %+v", m[2])
	}
	if m[3].Type != "secret" || m[3].ID != "netrc" {
		t.Errorf("secret mount = %+v", m[3])
	}
	if !d.Stages[1].UsedByFinal {
		t.Error("a stage read only through RUN --mount=from is not marked used")
	}
}

func TestLooksLikeArray(t *testing.T) {
	for s, want := range map[string]bool{
		`[ "wget", "-q" ] || exit 1`:       true,
		`['/app', 'serve']`:                true,
		`["/app"`:                          true,
		`[/app, serve]`:                    true,
		`[ -f go.sum ] && go mod download`: false,
		`[ "$TARGETARCH" = arm64 ] && x`:   false,
		`[[ -n "$X" ]]`:                    false,
		`echo [a, b]`:                      false,
	} {
		if got := looksLikeArray(s); got != want {
			t.Errorf("looksLikeArray(%q) = %v", s, got)
		}
	}
}

func TestEntrypointResetsInheritedCmd(t *testing.T) {
	d := build(t, "FROM alpine:3.22 AS base\nCMD [\"sh\"]\nFROM base\nENTRYPOINT [\"/app\"]\n", Options{})
	if d.Stages[1].Cmd != nil || d.Stages[1].Entrypoint == nil {
		t.Errorf("cmd %+v entrypoint %+v", d.Stages[1].Cmd, d.Stages[1].Entrypoint)
	}
}

func TestCopyPaths(t *testing.T) {
	d := build(t, "FROM scratch\nWORKDIR /app\nCOPY a b ./\nCOPY --from=0 /x bin/x\nCOPY --from=golang:1.27 /usr/local/go /go\nCOPY --from=nosuch /a /a\n", Options{})
	ins := d.Stages[0].Instructions
	if c := ins[1].Copy; c.DestPath != "/app" || !c.DestDir {
		t.Errorf("COPY a b ./ = %+v", c)
	}
	if c := ins[2].Copy; c.DestPath != "/app/bin/x" || c.DestDir || c.FromStage == nil || *c.FromStage != 0 {
		t.Errorf("COPY --from=0 = %+v", c)
	}
	if c := ins[3].Copy; c.FromImage == nil || c.FromImage.Name != "golang" || c.FromImage.Tag != "1.27" {
		t.Errorf("COPY --from=image = %+v", c)
	}
	if c := ins[4].Copy; c.FromStage != nil || c.FromImage == nil || c.FromImage.Name != "nosuch" {
		t.Errorf("COPY --from=nosuch = %+v", c)
	}
}

func TestJSONShape(t *testing.T) {
	d := build(t, "FROM scratch\n", Options{})
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"schema_version":1`, `"final_stage":0`, `"context":null`, `"args":[]`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("%s missing from %s", want, raw)
		}
	}
}

func TestEnvLimitKeepsTheDocumentLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("FROM golang:1.27 AS build\nARG TARGETARCH\nENV CGO_ENABLED=0\n")
	for i := 0; i < EnvLimit+10; i++ {
		fmt.Fprintf(&b, "ENV V%d=%d\n", i, i)
	}
	b.WriteString("RUN echo $V3 && GOARCH=$TARGETARCH go build -o /app .\n")
	d := build(t, b.String(), Options{})
	ins := d.Stages[0].Instructions
	small, last := ins[5], ins[len(ins)-1]
	if !small.EnvComplete || len(small.Env) != 5 {
		t.Errorf("small env: complete=%v %d vars", small.EnvComplete, len(small.Env))
	}
	if last.EnvComplete || len(last.Env) != 3 || str(last.Env["V3"]) != "3" || str(last.Env["CGO_ENABLED"]) != "0" {
		t.Errorf("env over the limit: complete=%v %v", last.EnvComplete, last.Env)
	}
	if v, ok := last.Env["TARGETARCH"]; !ok || v != nil {
		t.Errorf("platform ARG missing: %v", last.Env)
	}
	if g := last.Run.Go[0]; str(g.CGOEnabled) != "0" {
		t.Errorf("go command env: %v", g.Env)
	}
}
