package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fatih/color"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

func TestFormats(t *testing.T) {
	want := []string{"checkstyle", "github", "gitlab", "json", "junit", "sarif", "tty"}
	if got := Formats(); !slices.Equal(got, want) {
		t.Errorf("Formats() = %v, want %v", got, want)
	}
	if _, err := New("yaml", io.Discard, Tool{}, Options{}); err == nil || !strings.Contains(err.Error(), "checkstyle, github") {
		t.Errorf("New(yaml): %v, want an error listing the formats", err)
	}
}

// Every format copes with a run of nothing and with a write error.
func TestEmptyRunAndWriteErrors(t *testing.T) {
	for _, format := range Formats() {
		out := render(t, format, Tool{Name: "golint-docker"}, Options{}, nil, Summary{})
		if len(out) == 0 && format != "github" {
			t.Errorf("%s: an empty run writes nothing", format)
		}
		w, _ := New(format, failWriter{}, fixtureTool(), Options{})
		err := w.Write(fixtureResults()[0])
		if err == nil {
			err = w.Close(fixtureSummary())
		}
		if err == nil {
			t.Errorf("%s: a failing writer gave no error", format)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestGitHubEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"100%":       "100%25",
		"a\rb":       "a%0Db",
		"a\nb":       "a%0Ab",
		"a\r\nb":     "a%0D%0Ab",
		"%0A":        "%250A",
		"k: v, w":    "k: v, w",
		"plain text": "plain text",
	} {
		if got := githubEscapeData(in); got != want {
			t.Errorf("githubEscapeData(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"100%":      "100%25",
		"a\rb":      "a%0Db",
		"a\nb":      "a%0Ab",
		"k: v":      "k%3A v",
		"a,b":       "a%2Cb",
		"%3A":       "%253A",
		"x:%,\n\ry": "x%3A%25%2C%0A%0Dy",
	} {
		if got := githubEscapeProperty(in); got != want {
			t.Errorf("githubEscapeProperty(%q) = %q, want %q", in, got, want)
		}
	}

	// In a whole command: the file, title and message are each escaped
	// their own way, and the line stays one line.
	out := render(t, "github", Tool{}, Options{}, []Result{{
		File: "dir,1/a:b%.Dockerfile",
		Findings: []finding.Finding{{
			RuleID: "GD9", RuleName: "odd", Title: "t: a, b", Severity: finding.Warning, Line: 3, EndLine: 4,
			Message: "50% of\r\nlines: a, b", Fix: "Do x: y, z.",
		}, {
			RuleID: "GD8", Severity: finding.Info, Line: 1, Message: "m",
		}},
		Err: nil,
	}, {
		File: "b",
		Err:  &FileError{File: "b", Msg: "bad: 100%\nreally"},
	}, {
		File: "c",
		Err:  &FileError{File: "c", Line: 7, Msg: "x"},
	}}, Summary{})
	want := "::warning file=dir%2C1/a%3Ab%25.Dockerfile,line=3,endLine=4,title=GD9 odd%3A t%3A a%2C b::50%25 of%0Alines: a, b. Fix: Do x: y, z.\n" +
		"::notice file=dir%2C1/a%3Ab%25.Dockerfile,line=1,endLine=1,title=GD8::m\n" +
		"::error file=b::bad: 100%25%0Areally\n" +
		"::error file=c,line=7::x\n"
	if string(out) != want {
		t.Errorf("github output:\n%s\nwant:\n%s", out, want)
	}
}

func TestMessageWithFix(t *testing.T) {
	for _, c := range []struct{ msg, fix, want string }{
		{"no digest", "Pin it.", "no digest. Fix: Pin it."},
		{"no digest.", "Pin it.", "no digest. Fix: Pin it."},
		{"really?", "Yes.", "really? Fix: Yes."},
		{"no digest", "", "no digest"},
		{"", "Pin it.", "Fix: Pin it."},
		{"no digest ", " Pin it. ", "no digest. Fix: Pin it."},
	} {
		if got := messageWithFix(finding.Finding{Message: c.msg, Fix: c.fix}); got != c.want {
			t.Errorf("messageWithFix(%q, %q) = %q, want %q", c.msg, c.fix, got, c.want)
		}
	}
}

func TestJSON(t *testing.T) {
	out := renderFixture(t, "json")
	if !json.Valid(out) {
		t.Fatalf("not valid JSON:\n%s", out)
	}
	if again := renderFixture(t, "json"); !bytes.Equal(out, again) {
		t.Error("two runs over the same results differ")
	}
	// Two-space indentation, no HTML escaping, a final newline.
	if !bytes.HasPrefix(out, []byte("{\n  \"version\": 1,\n")) || !bytes.HasSuffix(out, []byte("}\n")) {
		t.Errorf("layout:\n%s", out)
	}
	if bytes.Contains(out, []byte(`\u003c`)) || !bytes.Contains(out, []byte("<digest>")) {
		t.Error("HTML-escaped output")
	}

	var doc struct {
		Version int `json:"version"`
		Tool    struct {
			Name    string `json:"name"`
			Version string `json:"version"`
		} `json:"tool"`
		Files []struct {
			File     string            `json:"file"`
			Error    *jsonError        `json:"error"`
			Notes    []string          `json:"notes"`
			Findings []finding.Finding `json:"findings"`
		} `json:"files"`
		Summary jsonSummary `json:"summary"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || doc.Tool.Name != "golint-docker" || doc.Tool.Version != "0.1.0" || len(doc.Files) != 3 {
		t.Fatalf("document %+v", doc)
	}
	if n := doc.Files[1].Notes; len(n) != 1 || !strings.Contains(n[0], "BuildKit's checks skipped") || doc.Files[0].Notes != nil {
		t.Errorf("notes %q and %q, want none and the worker's note", doc.Files[0].Notes, n)
	}
	if want := (jsonSummary{Files: 3, Failed: 1, Errors: 2, Warnings: 1, Infos: 1}); doc.Summary != want {
		t.Errorf("summary %+v, want %+v", doc.Summary, want)
	}
	want := fixtureResults()
	for i, f := range doc.Files {
		if f.File != want[i].File {
			t.Errorf("files[%d] is %s, want %s", i, f.File, want[i].File)
		}
		if f.Findings == nil {
			t.Errorf("%s: findings is null", f.File)
		}
		if !slices.EqualFunc(f.Findings, want[i].Findings, func(a, b finding.Finding) bool {
			return a.Message == b.Message && a.RuleID == b.RuleID && slices.Equal(a.Edits, b.Edits) && a.Replacement == b.Replacement
		}) {
			t.Errorf("%s: findings do not round-trip", f.File)
		}
	}
	if e := doc.Files[2].Error; e == nil || e.Line != 4 || e.Message != want[2].Err.Msg {
		t.Errorf("file error %+v", e)
	}
	if doc.Files[0].Error != nil {
		t.Errorf("a file without error has error %+v", doc.Files[0].Error)
	}

	// Empty lists are [], never null.
	empty := string(render(t, "json", Tool{}, Options{}, nil, Summary{}))
	if !strings.Contains(empty, `"files": []`) || strings.Contains(empty, "null") {
		t.Errorf("empty run:\n%s", empty)
	}
	clean := string(render(t, "json", Tool{}, Options{}, []Result{{File: "a"}}, Summary{Files: 1}))
	if !strings.Contains(clean, `"findings": []`) || !strings.Contains(clean, `"error": null`) {
		t.Errorf("clean file:\n%s", clean)
	}
}

func TestGitLab(t *testing.T) {
	if out := string(render(t, "gitlab", Tool{}, Options{}, []Result{{File: "a"}}, Summary{Files: 1})); out != "[]\n" {
		t.Errorf("no issues: %q, want []", out)
	}
	var issues []gitlabIssue
	if err := json.Unmarshal(renderFixture(t, "gitlab"), &issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if len(is.Fingerprint) != 64 || seen[is.Fingerprint] {
			t.Errorf("fingerprint %q missing or repeated", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
		if is.Location.Lines.Begin < 1 || is.Location.Lines.End < is.Location.Lines.Begin {
			t.Errorf("lines %+v", is.Location.Lines)
		}
	}
	last := issues[len(issues)-1]
	if last.CheckName != "parse-error" || last.Severity != "blocker" || last.Location.Lines.Begin != 4 {
		t.Errorf("file error issue %+v", last)
	}
	// The fingerprint follows the finding, not the fix wording.
	a := fixtureResults()[:1]
	b := fixtureResults()[:1]
	b[0].Findings[0].Fix = "reworded"
	if !bytes.Equal(render(t, "gitlab", Tool{}, Options{}, a, Summary{}), render(t, "gitlab", Tool{}, Options{}, b, Summary{})) {
		t.Error("the fingerprint changes with the fix")
	}
}

func TestJUnitThreshold(t *testing.T) {
	type testcase struct {
		Name    string `xml:"name,attr"`
		Failure *struct {
			Message string `xml:"message,attr"`
			Type    string `xml:"type,attr"`
			Text    string `xml:",chardata"`
		} `xml:"failure"`
		Error *struct {
			Message string `xml:"message,attr"`
		} `xml:"error"`
		SystemOut string `xml:"system-out"`
	}
	type suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
		Suite    struct {
			Tests int        `xml:"tests,attr"`
			Cases []testcase `xml:"testcase"`
		} `xml:"testsuite"`
	}
	for _, c := range []struct {
		threshold      finding.Severity
		failureMessage string
		failing        []string // rule ids in the failure
		passing        []string // rule ids in system-out
	}{
		{finding.Info, "4 problems", []string{"GD003", "GD004", "GD002", "JSONArgsRecommended"}, nil},
		{finding.Warning, "3 problems", []string{"GD004", "GD002", "JSONArgsRecommended"}, []string{"GD003"}},
		{finding.Error, "2 problems", []string{"GD004", "JSONArgsRecommended"}, []string{"GD003", "GD002"}},
	} {
		out := render(t, "junit", fixtureTool(), Options{Threshold: c.threshold}, fixtureResults(), fixtureSummary())
		var s suites
		if err := xml.Unmarshal(out, &s); err != nil {
			t.Fatalf("threshold %s: %v\n%s", c.threshold, err, out)
		}
		if s.Tests != 3 || s.Failures != 1 || s.Errors != 1 || len(s.Suite.Cases) != 3 {
			t.Fatalf("threshold %s: counts %+v", c.threshold, s)
		}
		api, clean, broken := s.Suite.Cases[0], s.Suite.Cases[1], s.Suite.Cases[2]
		if api.Failure == nil || api.Failure.Message != c.failureMessage || api.Failure.Type != "lint" {
			t.Fatalf("threshold %s: failure %+v", c.threshold, api.Failure)
		}
		lines := strings.Split(api.Failure.Text, "\n")
		if len(lines) != len(c.failing) {
			t.Errorf("threshold %s: failure text %q", c.threshold, api.Failure.Text)
		}
		for i, id := range c.failing {
			if i < len(lines) && !strings.HasSuffix(lines[i], "["+id+"]") {
				t.Errorf("threshold %s: failure line %q, want rule %s", c.threshold, lines[i], id)
			}
		}
		var out2 []string
		if api.SystemOut != "" {
			out2 = strings.Split(api.SystemOut, "\n")
		}
		if len(out2) != len(c.passing) {
			t.Errorf("threshold %s: system-out %q, want %v", c.threshold, api.SystemOut, c.passing)
		}
		for i, id := range c.passing {
			if i < len(out2) && !strings.HasSuffix(out2[i], "["+id+"]") {
				t.Errorf("threshold %s: system-out line %q, want rule %s", c.threshold, out2[i], id)
			}
		}
		if clean.Failure != nil || clean.Error != nil || broken.Error == nil || broken.Failure != nil {
			t.Errorf("threshold %s: clean %+v, broken %+v", c.threshold, clean, broken)
		}
	}

	// Only below-threshold findings: the test case passes.
	r := Result{File: "a", Findings: []finding.Finding{{RuleID: "GD1", Severity: finding.Warning, Line: 1, Message: "a < b & c"}}}
	out := string(render(t, "junit", Tool{}, Options{Threshold: finding.Error}, []Result{r}, Summary{}))
	if strings.Contains(out, "<failure") || !strings.Contains(out, `failures="0"`) || !strings.Contains(out, "1: warning: a &lt; b &amp; c [GD1]") {
		t.Errorf("below threshold:\n%s", out)
	}
}

func TestCheckstyle(t *testing.T) {
	var doc checkstyleDoc
	if err := xml.Unmarshal(renderFixture(t, "checkstyle"), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "4.3" || len(doc.Files) != 3 {
		t.Fatalf("%+v", doc)
	}
	if n := len(doc.Files[0].Errors); n != 4 || len(doc.Files[1].Errors) != 0 {
		t.Errorf("errors per file: %d, %d", n, len(doc.Files[1].Errors))
	}
	if e := doc.Files[2].Errors[0]; e.Source != "golint-docker.parse" || e.Line != 4 || e.Severity != "error" {
		t.Errorf("file error %+v", e)
	}
	if e := doc.Files[0].Errors[0]; e.Source != "golint-docker.GD003" || e.Severity != "info" || e.Column != 1 {
		t.Errorf("finding %+v", e)
	}
	// Newlines and markup in messages survive the attribute.
	r := Result{File: "a", Findings: []finding.Finding{{RuleID: "X", Line: 1, Message: "a\n<b> & \"c\""}}}
	doc = checkstyleDoc{}
	if err := xml.Unmarshal(render(t, "checkstyle", Tool{}, Options{}, []Result{r}, Summary{}), &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Files[0].Errors[0].Message; got != "a\n<b> & \"c\"" {
		t.Errorf("message %q", got)
	}
}

func TestTTYColor(t *testing.T) {
	global := color.NoColor
	plain := renderFixture(t, "tty")
	if bytes.Contains(plain, []byte("\x1b[")) {
		t.Errorf("escape codes without colour:\n%q", plain)
	}
	colored := render(t, "tty", fixtureTool(), Options{Color: true}, fixtureResults(), fixtureSummary())
	for _, code := range []string{
		"\x1b[1mservices/api/Dockerfile:5\x1b[22m", // path bold
		"\x1b[31merror\x1b[0m",                     // error red
		"\x1b[33mwarning\x1b[0m",                   // warning yellow
		"\x1b[36minfo\x1b[0m",                      // info cyan
		"\x1b[2m[GD004 cgo-disabled]\x1b[22m",      // rule faint
	} {
		if !bytes.Contains(colored, []byte(code)) {
			t.Errorf("coloured output lacks %q:\n%q", code, colored)
		}
	}
	// Without the codes, the coloured output is the plain one.
	stripped := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAll(colored, nil)
	if !bytes.Equal(stripped, plain) {
		t.Errorf("coloured output differs from plain beyond colour:\n%s\n%s", stripped, plain)
	}
	if color.NoColor != global {
		t.Error("the tty format changed color.NoColor")
	}
}

func TestTTYStreams(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New("tty", &buf, Tool{}, Options{})
	if err := w.Write(fixtureResults()[0]); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "services/api/Dockerfile:2: info:") {
		t.Errorf("nothing written before Close: %q", buf.String())
	}
}

func TestTTYLines(t *testing.T) {
	out := string(render(t, "tty", Tool{}, Options{}, []Result{
		{File: "a", Findings: []finding.Finding{{RuleID: "GD1", RuleName: "GD1", Severity: finding.Warning, Line: 3, EndLine: 2, Message: "m", Fix: "one\ntwo", Replacement: "x\ny\n"}}},
		{File: "b", Err: &FileError{File: "b", Msg: "cannot read"}},
	}, Summary{Files: 2, Failed: 1, Findings: map[finding.Severity]int{finding.Warning: 1}}))
	want := "a:3: warning: m [GD1]\n" +
		"  fix: one\n" +
		"       two\n" +
		"  suggested:\n" +
		"    | x\n" +
		"    | y\n" +
		"b: error: cannot read\n" +
		"2 files linted: 1 warning, 1 file could not be linted\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestTTYSummary(t *testing.T) {
	for _, c := range []struct {
		s    Summary
		want string
	}{
		{Summary{Files: 3}, "no problems found in 3 files"},
		{Summary{Files: 1, Findings: map[finding.Severity]int{}}, "no problems found in 1 file"},
		{Summary{Files: 3, Findings: map[finding.Severity]int{finding.Error: 2, finding.Warning: 1, finding.Info: 4}}, "3 files linted: 2 errors, 1 warning, 4 infos"},
		{Summary{Files: 3, Failed: 1, Findings: map[finding.Severity]int{finding.Error: 1}}, "3 files linted: 1 error, 1 file could not be linted"},
		{Summary{Files: 2, Failed: 2}, "2 files linted: 2 files could not be linted"},
	} {
		if got := ttySummary(c.s); got != c.want {
			t.Errorf("ttySummary(%+v) = %q, want %q", c.s, got, c.want)
		}
	}
}
