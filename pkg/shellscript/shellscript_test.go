package shellscript

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestCommandsInOrderThroughCompoundSyntax(t *testing.T) {
	src := `set -eux; apk add --no-cache git ca-certificates \
  && if [ "$TARGETARCH" = arm64 ]; then export GOARM=7; fi \
  && for d in a b; do (cd "$d" && go build ./...); done || exit 1`
	s, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range s.Commands {
		names = append(names, c.Args[0].Value)
	}
	want := []string{"set", "apk", "[", "export", "cd", "go", "exit"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("commands %q, want %q", names, want)
	}
	exp := s.Commands[3]
	if len(exp.Assigns) != 1 || exp.Assigns[0].Name != "GOARM" || exp.Assigns[0].Value.Value != "7" {
		t.Errorf("export = %+v", exp)
	}
	if v := s.Commands[2].Vars; !reflect.DeepEqual(v, []string{"TARGETARCH"}) {
		t.Errorf("vars of [ ... ] = %q", v)
	}
}

func TestWordsAndOffsets(t *testing.T) {
	src := `CGO_ENABLED=0 GOARCH=${TARGETARCH} go build -ldflags="-s -w -X 'main.v=$(git describe)'" -o "/out/my app" .`
	s, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Commands[0]
	if c.Start != 0 || c.End != len(src) || !c.Exact {
		t.Errorf("span %d-%d of %d", c.Start, c.End, len(src))
	}
	if c.Assigns[1].Name != "GOARCH" || c.Assigns[1].Value.Value != "${TARGETARCH}" || c.Assigns[1].Value.Literal {
		t.Errorf("GOARCH = %+v", c.Assigns[1].Value)
	}
	argv := c.Argv()
	want := []string{"go", "build", "-ldflags=-s -w -X 'main.v=$(git describe)'", "-o", "/out/my app", "."}
	if !reflect.DeepEqual(argv, want) {
		t.Errorf("argv %q\nwant %q", argv, want)
	}
	o := c.Args[4]
	if o.Quote != '"' || src[o.ValueStart:o.ValueStart+len("/out")] != "/out" {
		t.Errorf("-o value word %+v", o)
	}
	ld := c.Args[2]
	if ld.Quote != 0 || ld.Literal || src[ld.Start:ld.End] != `-ldflags="-s -w -X 'main.v=$(git describe)'"` {
		t.Errorf("ldflags word %+v %q", ld, src[ld.Start:ld.End])
	}
}

func TestEscapes(t *testing.T) {
	s, err := Parse(`echo a\ b "c \"d\" \$e" 'f\g'`)
	if err != nil {
		t.Fatal(err)
	}
	got := s.Commands[0].Argv()
	want := []string{"echo", "a b", `c "d" $e`, `f\g`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestShDashC(t *testing.T) {
	src := `sh -c 'go build -o /a .' && bash -ec "go test \"./...\""`
	s, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Commands) != 4 {
		t.Fatalf("commands: %+v", s.Commands)
	}
	inner := s.Commands[1]
	if inner.Args[1].Value != "build" || !inner.Exact || src[inner.Start:inner.End] != "go build -o /a ." {
		t.Errorf("sh -c '...' inner %+v", inner)
	}
	esc := s.Commands[3]
	if esc.Args[1].Value != "test" || esc.Exact {
		t.Errorf("bash -ec \"...\" with escapes should be inexact: %+v", esc)
	}
	if !strings.HasPrefix(src[esc.Start:esc.End], `"go test`) {
		t.Errorf("inexact command should span the whole string word: %q", src[esc.Start:esc.End])
	}
}

func TestDeclarations(t *testing.T) {
	s, err := Parse(`export CGO_ENABLED=0 PATH; readonly X=1`)
	if err != nil {
		t.Fatal(err)
	}
	e := s.Commands[0]
	if e.Args[0].Value != "export" || len(e.Assigns) != 1 || e.Assigns[0].Name != "CGO_ENABLED" || len(e.Args) != 2 || e.Args[1].Value != "PATH" {
		t.Errorf("export = %+v", e)
	}
}

func TestSyntaxError(t *testing.T) {
	if _, err := Parse(`if then fi (`); err == nil || !strings.HasPrefix(err.Error(), "shell syntax:") {
		t.Errorf("err = %v", err)
	}
}

func TestNestingIsBounded(t *testing.T) {
	src := `sh -c "sh -c \"sh -c 'sh -c \\\"go build\\\"'\""`
	if _, err := Parse(src); err != nil {
		t.Fatal(err)
	}
}

func TestLongChainsInOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("echo 0")
	for i := 1; i < 50000; i++ {
		fmt.Fprintf(&b, " && echo %d", i)
	}
	b.WriteString(" | tee log || exit 1")
	s, err := Parse(b.String())
	if err != nil {
		t.Fatal(err)
	}
	n := len(s.Commands)
	if n != 50002 || s.Commands[0].Args[1].Value != "0" || s.Commands[49999].Args[1].Value != "49999" || s.Commands[n-1].Args[0].Value != "exit" {
		t.Fatalf("%d commands, first %v, last %v", n, s.Commands[0].Argv(), s.Commands[n-1].Argv())
	}
}

func TestExpandArgs(t *testing.T) {
	env := map[string]string{"LDFLAGS": "-s -w -X main.v=1", "OUT": "/out/app", "EMPTY": ""}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	for _, tc := range []struct {
		src  string
		want []string
		ok   bool
	}{
		{`go build -ldflags "$LDFLAGS" -o $OUT .`, []string{"go", "build", "-ldflags", "-s -w -X main.v=1", "-o", "/out/app", "."}, true},
		{`go build -ldflags="${LDFLAGS}" .`, []string{"go", "build", "-ldflags=-s -w -X main.v=1", "."}, true},
		// Unquoted: split into fields, as the shell does.
		{`go build $LDFLAGS .`, []string{"go", "build", "-s", "-w", "-X", "main.v=1", "."}, true},
		{`go build ${EMPTY} -o "${OUT:-/bin/x}" .`, []string{"go", "build", "-o", "/out/app", "."}, true},
		{`go build -ldflags "$UNKNOWN" .`, nil, false},
		{`go build -ldflags "-X main.v=$(git describe)" .`, nil, false},
		{`go build -o /app .`, []string{"go", "build", "-o", "/app", "."}, true},
	} {
		s, err := Parse(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := s.Commands[0].ExpandArgs(lookup)
		if ok != tc.ok || ok && !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %q, %v; want %q, %v", tc.src, got, ok, tc.want, tc.ok)
		}
	}
}

func TestExpandWord(t *testing.T) {
	lookup := func(k string) (string, bool) { return "1", k == "CGO" }
	s, err := Parse(`CGO_ENABLED=$CGO A=$NOPE B=plain go build`)
	if err != nil {
		t.Fatal(err)
	}
	as := s.Commands[0].Assigns
	if v, ok := as[0].Value.Expand(lookup); v != "1" || !ok {
		t.Errorf("$CGO = %q, %v", v, ok)
	}
	if _, ok := as[1].Value.Expand(lookup); ok {
		t.Error("$NOPE should be unknown")
	}
	if v, ok := as[2].Value.Expand(lookup); v != "plain" || !ok {
		t.Errorf("plain = %q, %v", v, ok)
	}
}

func TestPipelines(t *testing.T) {
	type pipe struct {
		stages   []string // the command names, "" for a compound stage
		pipefail bool
	}
	for _, tc := range []struct {
		src  string
		want []pipe
	}{
		{`set -eux; curl -fsSL https://example.com/install.sh | sh -s -- -b /usr/local/bin && apt-get update`,
			[]pipe{{[]string{"curl", "sh"}, false}}},
		{`set -euo pipefail; curl -fsSL "$URL" | tar -xz -C /usr/local`,
			[]pipe{{[]string{"curl", "tar"}, true}}},
		{`set -o errexit -o pipefail && wget -qO- "$URL" | gpg --dearmor | tee /k.gpg`,
			[]pipe{{[]string{"wget", "gpg", "tee"}, true}}},
		// An option set in a subshell ends with it; set +o turns it off.
		{`(set -o pipefail); a | b; set -o pipefail; c | d; set +o pipefail; e | f`,
			[]pipe{{[]string{"a", "b"}, false}, {[]string{"c", "d"}, true}, {[]string{"e", "f"}, false}}},
		// sh -c starts a new shell: its options are its own.
		{`set -o pipefail; bash -c "a | b"; sh -c 'set -o pipefail; c | d'`,
			[]pipe{{[]string{"a", "b"}, false}, {[]string{"c", "d"}, true}}},
		{`go list -m all | while read -r m; do echo "$m"; done`,
			[]pipe{{[]string{"go", ""}, false}}},
		{`a | b | c | d | e`,
			[]pipe{{[]string{"a", "b", "c", "d", "e"}, false}}},
		{`a && b || c`, nil},
	} {
		s, err := Parse(tc.src)
		if err != nil {
			t.Fatalf("%s: %v", tc.src, err)
		}
		var got []pipe
		for _, p := range s.Pipelines {
			var names []string
			for _, k := range p.Stages {
				if k < 0 {
					names = append(names, "")
					continue
				}
				names = append(names, s.Commands[k].Args[0].Value)
			}
			got = append(got, pipe{names, p.Pipefail})
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n pipes %v\n want  %v", tc.src, got, tc.want)
		}
	}
}

func TestSubstitutedPipelines(t *testing.T) {
	s, err := Parse("for f in $(git status --porcelain | awk '{print $2}'); do cp $f /out; done; v=`git describe | sed s/^v//`; (make | tee log)")
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for _, p := range s.Pipelines {
		got = append(got, p.Substituted)
	}
	if want := []bool{true, true, false}; !reflect.DeepEqual(got, want) {
		t.Errorf("substituted %v, want %v", got, want)
	}
}

func TestPipelineSpan(t *testing.T) {
	src := "apk add git && curl -fsSL https://x | sh"
	s, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	p := s.Pipelines[0]
	if got := src[p.Start:p.End]; got != "curl -fsSL https://x | sh" || !p.Exact {
		t.Errorf("pipe span %q exact %v", got, p.Exact)
	}
}

func TestTopLevelCommands(t *testing.T) {
	src := `cd /src && make | tee log; (cd sub && make); echo "$(cd x; pwd)"; f() { cd y; }; ls`
	s, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var top []string
	for _, c := range s.Commands {
		if c.Top {
			top = append(top, c.Args[0].Value)
		}
	}
	if want := []string{"cd", "echo", "ls"}; !reflect.DeepEqual(top, want) {
		t.Errorf("top-level commands %q, want %q", top, want)
	}
}
