package report

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// sarifSchemaFile is the official SARIF 2.1.0 schema, as shipped in the npm
// package @microsoft/sarif-multitool-linux@5.7.0 (package/sarif-2.1.0.json).
const sarifSchemaFile = "../../testdata/sarif/sarif-schema-2.1.0.json"

// sarifCases are the SARIF logs the schema and the Multitool check: the
// golden fixture and the corners around it.
func sarifCases(t *testing.T) map[string][]byte {
	t.Helper()
	edgeTool := Tool{Name: "golint-docker", Version: "(devel)", Rules: fixtureTool().Rules[:1]}
	abs, err := filepath.Abs(filepath.Join("testdata", "abs dir", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	emoji := "RUN echo 😀 é && go build ."
	edge := []Result{
		{
			// A rule missing from Tool.Rules, an absolute path, a finding on
			// no line, and edits after a character outside the BMP.
			File:  abs,
			Lines: []string{"FROM golang:1.27", emoji},
			Findings: []finding.Finding{
				{RuleID: "CUSTOM1", RuleName: "acme-policy", Title: "ACME policy", Severity: finding.Warning, File: abs, Message: "the whole file breaks the ACME policy"},
				{
					RuleID: "GD004", RuleName: "cgo-disabled", Severity: finding.Error, File: abs, Line: 2, EndLine: 2,
					Message: "cgo", Fix: "Set CGO_ENABLED=0.",
					Edits: []finding.Edit{{Line: 2, Column: strings.Index(emoji, "go build") + 1, EndLine: 2, EndColumn: strings.Index(emoji, "go build") + 1, Text: "CGO_ENABLED=0 "}},
				},
			},
		},
		{
			// Paths that need escaping; no Lines, so no fix or fingerprint.
			File: "odd dir/ü#1/a:b%.Dockerfile",
			Findings: []finding.Finding{{
				RuleID: "GD002", Severity: finding.Info, Line: 1, EndLine: 3, Message: "m, with: specials\nand a newline",
				Edits: []finding.Edit{{Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Text: "x"}},
			}},
		},
		{File: "-", Err: &FileError{File: "-", Msg: "read error: broken pipe"}},
	}
	return map[string][]byte{
		"fixture": renderFixture(t, "sarif"),
		"empty":   render(t, "sarif", Tool{Name: "golint-docker", Version: "v1.2.3-rc.1"}, Options{}, nil, Summary{}),
		"clean":   render(t, "sarif", fixtureTool(), Options{}, fixtureResults()[1:2], Summary{Files: 1}),
		"edge":    render(t, "sarif", edgeTool, Options{}, edge, Summary{Files: 3, Failed: 1, Findings: map[finding.Severity]int{finding.Error: 1, finding.Warning: 1, finding.Info: 1}}),
	}
}

func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(sarifSchemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateSARIF(t *testing.T, sch *jsonschema.Schema, name string, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", name, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s does not validate against the SARIF 2.1.0 schema:\n%v\n%s", name, err, out)
	}
}

func TestSARIFSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	for name, out := range sarifCases(t) {
		validateSARIF(t, sch, name, out)
	}
	// The schema check has teeth: a log without a version fails.
	inst := map[string]any{"runs": []any{}}
	if err := sch.Validate(inst); err == nil {
		t.Error("a SARIF log without version validated")
	}
}

// sarifDoc decodes the parts of a SARIF log the tests look at.
type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				SemanticVersion string `json:"semanticVersion"`
				InformationURI  string `json:"informationUri"`
				Rules           []struct {
					ID   string `json:"id"`
					Name string `json:"name"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful        bool                `json:"executionSuccessful"`
			ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, out []byte) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(d.Runs))
	}
	return d
}

func TestSARIFEdgeCases(t *testing.T) {
	d := decodeSARIF(t, sarifCases(t)["edge"])
	run := d.Runs[0]
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	if v := run.Tool.Driver.SemanticVersion; v != "" {
		t.Errorf("semanticVersion %q for version (devel), want none", v)
	}
	// The missing rules are added after the known one, in order of use.
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	if got, want := strings.Join(ids, ","), "GD002,CUSTOM1,GD004"; got != want {
		t.Errorf("rules %s, want %s", got, want)
	}
	for _, r := range run.Results {
		if ids[r.RuleIndex] != r.RuleID {
			t.Errorf("result %s has ruleIndex %d, which is %s", r.RuleID, r.RuleIndex, ids[r.RuleIndex])
		}
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want 3", len(run.Results))
	}
	whole, cgo, odd := run.Results[0], run.Results[1], run.Results[2]

	// Absolute paths are file:// URIs without a base.
	al := cgo.Locations[0].PhysicalLocation.ArtifactLocation
	if !strings.HasPrefix(al.URI, "file:///") || al.URIBaseID != "" || !strings.Contains(al.URI, "/abs%20dir/Dockerfile") {
		t.Errorf("absolute path location %+v", al)
	}
	if reg := whole.Locations[0].PhysicalLocation.Region; reg == nil || *reg != (sarifRegion{StartLine: 1, EndLine: 2}) {
		t.Errorf("a finding on no line has region %+v, want the whole file", reg)
	}
	// Relative paths are escaped relative references under %SRCROOT%.
	al = odd.Locations[0].PhysicalLocation.ArtifactLocation
	if want := "odd%20dir/%C3%BC%231/a:b%25.Dockerfile"; al.URI != want || al.URIBaseID != "%SRCROOT%" {
		t.Errorf("relative location %+v, want uri %s under %%SRCROOT%%", al, want)
	}
	if odd.Fixes != nil || odd.PartialFingerprints != nil {
		t.Errorf("without Lines, want no fixes and no fingerprint: %+v %+v", odd.Fixes, odd.PartialFingerprints)
	}
	if cgo.PartialFingerprints[sarifFingerprint] == "" {
		t.Errorf("no %s fingerprint with Lines", sarifFingerprint)
	}
	if cgo.Message.Text != "cgo. Fix: Set CGO_ENABLED=0." {
		t.Errorf("message %q", cgo.Message.Text)
	}

	inv := run.Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 1 {
		t.Fatalf("invocations %+v", inv)
	}
	n := inv[0].ToolExecutionNotifications[0]
	if n.Level != "error" || n.Message.Text != "read error: broken pipe" || n.Locations[0].PhysicalLocation.Region != nil {
		t.Errorf("notification %+v", n)
	}
}

// TestSARIFColumns checks that byte columns become UTF-16 columns: "😀" is 4
// bytes and 2 UTF-16 units, "é" 2 bytes and 1 unit, "→" 3 bytes and 1 unit.
func TestSARIFColumns(t *testing.T) {
	d := decodeSARIF(t, sarifCases(t)["edge"])
	cgo := d.Runs[0].Results[1]
	if len(cgo.Fixes) != 1 {
		t.Fatalf("fixes %+v", cgo.Fixes)
	}
	fix := cgo.Fixes[0]
	if fix.Description == nil || fix.Description.Text != "Set CGO_ENABLED=0." {
		t.Errorf("fix description %+v", fix.Description)
	}
	reg := fix.ArtifactChanges[0].Replacements[0].DeletedRegion
	// "RUN echo 😀 é && " is 21 bytes but 17 UTF-16 units: go build starts at 18.
	want := sarifRegion{StartLine: 2, StartColumn: 18, EndLine: 2, EndColumn: 18}
	if reg != want {
		t.Errorf("deleted region %+v, want %+v", reg, want)
	}

	// The fixture: "→" before the insertion point.
	d = decodeSARIF(t, renderFixture(t, "sarif"))
	reg = d.Runs[0].Results[1].Fixes[0].ArtifactChanges[0].Replacements[0].DeletedRegion
	if want := (sarifRegion{StartLine: 5, StartColumn: 26, EndLine: 5, EndColumn: 26}); reg != want {
		t.Errorf("fixture deleted region %+v, want %+v", reg, want)
	}

	for _, c := range []struct {
		line     string
		col      int
		want     int
		wantsErr bool
	}{
		{"abc", 1, 1, false},
		{"abc", 4, 4, false}, // one past the end
		{"abc", 5, 0, true},
		{"abc", 0, 0, true},
		{"😀x", 5, 3, false},
		{"😀x", 6, 4, false},
		{"😀x", 2, 0, true}, // inside the emoji
		{"é→x", 6, 3, false},
		{"a\xffb", 3, 3, false}, // an invalid byte counts one
		{"", 1, 1, false},
	} {
		got, err := utf16Column(c.line, c.col)
		if (err != nil) != c.wantsErr || got != c.want {
			t.Errorf("utf16Column(%q, %d) = %d, %v; want %d (error %v)", c.line, c.col, got, err, c.want, c.wantsErr)
		}
	}

	// Whole-line edits (columns 0) cover the line; an edit that does not
	// fit the lines drops the fix rather than point at the wrong place.
	lines := []string{"FROM x", "ENTRYPOINT 😀"}
	reg, err := utf16Region(lines, finding.Edit{Line: 2, EndLine: 2, Text: "y"})
	if want := (sarifRegion{StartLine: 2, StartColumn: 1, EndLine: 2, EndColumn: 14}); err != nil || reg != want {
		t.Errorf("whole-line edit region %+v, %v; want %+v", reg, err, want)
	}
	if _, ok := sarifFixOf(finding.Finding{Fix: "f", Edits: []finding.Edit{{Line: 3, Column: 9, EndLine: 3, EndColumn: 9}}}, sarifArtifactLocation{}, lines); ok {
		t.Error("an edit outside the lines made a fix")
	}
}

func TestSemanticVersion(t *testing.T) {
	for in, want := range map[string]string{
		"0.1.0": "0.1.0", "v1.2.3": "1.2.3", "1.2.3-rc.1+abc": "1.2.3-rc.1+abc",
		"dev": "", "(devel)": "", "1.2": "", "01.2.3": "", "1.2.3-": "", "v1.2.3+": "",
	} {
		if got := semanticVersion(in); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFMultitool runs Microsoft's SARIF validator, with GitHub code
// scanning's rules, over every SARIF log the tests make, and fails on any
// error it reports (warnings are logged). It needs SARIF_MULTITOOL, the path
// of Sarif.Multitool from the npm package @microsoft/sarif-multitool-linux:
//
//	npm install --no-save --prefix /tmp/sarif-multitool @microsoft/sarif-multitool-linux@5.7.0
//	export SARIF_MULTITOOL="$(cd /tmp/sarif-multitool && node -p "require('@microsoft/sarif-multitool-linux')")"
//	chmod u+x "$SARIF_MULTITOOL" # the package's postinstall does this, unless scripts are off
//	go test ./pkg/report -run SARIFMultitool -v
func TestSARIFMultitool(t *testing.T) {
	tool := os.Getenv("SARIF_MULTITOOL")
	if tool == "" {
		t.Skip("SARIF_MULTITOOL is not set; to check the SARIF output with Microsoft's validator and GitHub's rules, " +
			"npm install @microsoft/sarif-multitool-linux@5.7.0 and set SARIF_MULTITOOL to its Sarif.Multitool")
	}
	dir := t.TempDir()
	for name, out := range sarifCases(t) {
		t.Run(name, func(t *testing.T) {
			in := filepath.Join(dir, name+".sarif") // the Multitool skips other extensions
			report := filepath.Join(dir, name+".validation.sarif")
			if err := os.WriteFile(in, out, 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(tool, "validate", in, "--rule-kind", "Gh;Sarif", "--output", report, "--log", "ForceOverwrite")
			// It needs ICU for culture data unless told to go without.
			cmd.Env = append(os.Environ(), "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1")
			console, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v (is SARIF_MULTITOOL an executable Sarif.Multitool?)\n%s", cmd, err, console)
			}
			raw, err := os.ReadFile(report)
			if err != nil {
				t.Fatalf("no validation log: %v\n%s", err, console)
			}
			var v struct {
				Runs []struct {
					Results []struct {
						RuleID string `json:"ruleId"`
						Level  string `json:"level"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(raw, &v); err != nil || len(v.Runs) == 0 {
				t.Fatalf("validation log: %v\n%s", err, raw)
			}
			errors := 0
			for _, r := range v.Runs[0].Results {
				if r.Level == "error" {
					errors++
				}
			}
			if errors > 0 {
				t.Errorf("Sarif.Multitool reports %d errors:\n%s\nSARIF:\n%s", errors, console, out)
			} else if bytes.Contains(console, []byte(": warning ")) {
				t.Logf("Sarif.Multitool warnings:\n%s", console)
			}
		})
	}
}

func TestSARIFArtifact(t *testing.T) {
	for in, want := range map[string]sarifArtifactLocation{
		"Dockerfile":           {URI: "Dockerfile", URIBaseID: "%SRCROOT%"},
		"./svc/Dockerfile":     {URI: "svc/Dockerfile", URIBaseID: "%SRCROOT%"},
		"../up/Dockerfile":     {URI: "../up/Dockerfile", URIBaseID: "%SRCROOT%"},
		"a:b/Dockerfile":       {URI: "./a:b/Dockerfile", URIBaseID: "%SRCROOT%"}, // not a scheme
		"my app/Dockerfile#2":  {URI: "my%20app/Dockerfile%232", URIBaseID: "%SRCROOT%"},
		"café/Dockerfile":      {URI: "caf%C3%A9/Dockerfile", URIBaseID: "%SRCROOT%"},
		"/srv/app/Dockerfile":  {URI: "file:///srv/app/Dockerfile"},
		"/srv/my app/x?y.df%1": {URI: "file:///srv/my%20app/x%3Fy.df%251"},
	} {
		if got := sarifArtifact(in); got != want {
			t.Errorf("sarifArtifact(%q) = %+v, want %+v", in, got, want)
		}
	}
}

// A note (BuildKit's checks skipped) is a warning notification on the file;
// the run still succeeded.
func TestSARIFNotes(t *testing.T) {
	d := decodeSARIF(t, sarifCases(t)["clean"])
	inv := d.Runs[0].Invocations[0]
	if !inv.ExecutionSuccessful {
		t.Error("a run with only notes is not successful")
	}
	ns := inv.ToolExecutionNotifications
	if len(ns) != 1 || ns[0].Level != "warning" || !strings.Contains(ns[0].Message.Text, "BuildKit's checks skipped") ||
		len(ns[0].Locations) != 1 || ns[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "services/worker/Dockerfile" {
		t.Errorf("notifications %+v, want one warning about BuildKit's checks on services/worker/Dockerfile", ns)
	}
}
