package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/report"
)

func ptr[T any](v T) *T { return &v }

// TestResolvePrecedence: the command line, then the file, then the
// defaults, field by field.
func TestResolvePrecedence(t *testing.T) {
	file := &config.Config{
		Path:              "cfg.yaml",
		Ignore:            []string{"GD017"},
		Severity:          map[string]finding.Severity{"runs-as-root": finding.Error, "GD003": finding.Error},
		TrustedRegistries: []string{"file.example"},
		Policies:          []string{"/file/policy"},
		Data:              map[string]any{"go": map[string]any{"supported": []any{"1.27"}}},
		BuildKitChecks:    ptr(false),
	}
	rules := []finding.Rule{{ID: "GD003", Name: "go-mod-download-order"}, {ID: "GD014", Name: "runs-as-root"}, {ID: "GD017", Name: "no-healthcheck"}, {ID: "GD028", Name: "no-expose"}}
	for _, tc := range []struct {
		name      string
		s         Settings
		cfg       *config.Config
		ignore    []string
		severity  map[string]finding.Severity
		policies  []string
		buildkit  bool
		registry  []any // data.golintdocker.config.trusted_registries
		wantNames []string
	}{
		{
			name: "defaults", cfg: nil,
			severity: map[string]finding.Severity{}, buildkit: true,
		},
		{
			name: "the file", cfg: file,
			ignore: []string{"GD017"}, severity: map[string]finding.Severity{"GD003": finding.Error, "GD014": finding.Error},
			policies: []string{"/file/policy"}, buildkit: false, registry: []any{"file.example"},
		},
		{
			name: "the command line over the file",
			s: Settings{
				Ignore: []string{"no-expose"}, Severity: []SeverityOverride{{"GD014", finding.Info}},
				TrustedRegistries: []string{"flag.example"}, PolicyDirs: []string{"/flag/policy"}, BuildKitChecks: ptr(true),
			},
			cfg:    file,
			ignore: []string{"GD017", "GD028"}, severity: map[string]finding.Severity{"GD003": finding.Error, "GD014": finding.Info},
			policies: []string{"/file/policy", "/flag/policy"}, buildkit: true, registry: []any{"flag.example"},
		},
		{
			name: "names that match no rule are kept and reported",
			s:    Settings{Ignore: []string{"no-such-rule"}},
			cfg:  nil, ignore: []string{"no-such-rule"}, severity: map[string]finding.Severity{}, buildkit: true,
			wantNames: []string{`command line: ignore: no rule "no-such-rule"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.s.Resolve(tc.cfg)
			opt, unknown := r.Canonical(rules)
			if !reflect.DeepEqual(opt.Ignore, tc.ignore) {
				t.Errorf("ignore %v, want %v", opt.Ignore, tc.ignore)
			}
			if !reflect.DeepEqual(opt.Severity, tc.severity) {
				t.Errorf("severity %v, want %v", opt.Severity, tc.severity)
			}
			if !reflect.DeepEqual(r.Catalogue.PolicyDirs, append([]string{}, tc.policies...)) {
				t.Errorf("policies %v, want %v", r.Catalogue.PolicyDirs, tc.policies)
			}
			if opt.BuildKitChecks != tc.buildkit || r.Catalogue.BuildKitChecks != tc.buildkit {
				t.Errorf("buildkit checks %v/%v, want %v", opt.BuildKitChecks, r.Catalogue.BuildKitChecks, tc.buildkit)
			}
			gd := r.Catalogue.Data["golintdocker"].(map[string]any)
			var got []any
			if c, ok := gd["config"].(map[string]any); ok {
				got, _ = c["trusted_registries"].([]any)
			}
			if !reflect.DeepEqual(got, tc.registry) {
				t.Errorf("trusted registries %v, want %v", got, tc.registry)
			}
			if !reflect.DeepEqual(unknown, tc.wantNames) {
				t.Errorf("unknown %q, want %q", unknown, tc.wantNames)
			}
		})
	}
	// Resolving did not change the file's data.
	if _, ok := file.Data["config"]; ok {
		t.Error("Resolve wrote into the configuration's data")
	}
}

func TestParseThreshold(t *testing.T) {
	for in, want := range map[string]Threshold{"error": {Severity: finding.Error}, "warning": {Severity: finding.Warning}, "info": {}, "none": {None: true}} {
		got, err := ParseThreshold(in)
		if err != nil || got != want {
			t.Errorf("%s: %+v %v", in, got, err)
		}
	}
	if _, err := ParseThreshold("fatal"); err == nil {
		t.Error("fatal accepted")
	}
	if (Threshold{None: true}).Fails(finding.Error) || !(Threshold{Severity: finding.Warning}).Fails(finding.Error) || (Threshold{Severity: finding.Error}).Fails(finding.Warning) {
		t.Error("Fails")
	}
}

// TestRun lints a small monorepo in process: one catalogue per distinct
// set of options, the nearest configuration per directory, the reports
// and the exit code.
func TestRun(t *testing.T) {
	repo := t.TempDir()
	os.Mkdir(filepath.Join(repo, ".git"), 0o755)
	df := "FROM golang:1.27-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n"
	for _, p := range []string{"a/Dockerfile", "b/Dockerfile"} {
		os.MkdirAll(filepath.Join(repo, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(repo, p), []byte(df), 0o644)
	}
	os.WriteFile(filepath.Join(repo, "a", ".golint-docker.yaml"), []byte("ignore: [runs-as-root]\n"), 0o644)
	out := filepath.Join(repo, "report.json")
	s := Settings{
		Limits: DefaultLimits(), Finder: config.NewFinder("", repo),
		BuildKitChecks: ptr(false),
		Outputs:        []report.Output{{Format: "json", File: out}},
		Tool:           report.Tool{Name: "golint-docker", Version: "test"},
	}
	var stderr bytes.Buffer
	sum, code := Run(context.Background(), s, []string{repo}, IO{Stdout: &bytes.Buffer{}, Stderr: &stderr})
	if code != ExitFindings || sum.Files != 2 || sum.Failed != 0 {
		t.Fatalf("exit %d, %+v\n%s", code, sum, stderr.String())
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Files []struct {
			File     string
			Findings []struct {
				RuleID string `json:"rule_id"`
			}
		}
	}
	json.Unmarshal(raw, &doc)
	ids := map[string]string{}
	for _, f := range doc.Files {
		for _, fd := range f.Findings {
			ids[filepath.Base(filepath.Dir(f.File))] += fd.RuleID + " "
		}
	}
	if strings.Contains(ids["a"], "GD014") || !strings.Contains(ids["b"], "GD014") {
		t.Errorf("findings per directory: %v", ids)
	}
	// A cancelled run writes no report.
	os.WriteFile(out, []byte("previous"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, code = Run(ctx, s, []string{repo}, IO{Stdout: &bytes.Buffer{}, Stderr: &stderr})
	if b, _ := os.ReadFile(out); code != ExitError || string(b) != "previous" || !strings.Contains(stderr.String(), ErrInterrupted.Error()) {
		t.Errorf("cancelled run: exit %d, report %.30q\n%s", code, b, stderr.String())
	}
}

// TestRunSharesCatalogues: configuration files that differ only in what is
// applied after evaluation (ignore, severity) share one compiled catalogue.
func TestRunSharesCatalogues(t *testing.T) {
	r := &runner{s: Settings{Limits: DefaultLimits(), Finder: config.NewFinder("", "")}, plans: map[string]*plan{}, catalogues: map[string]*Catalogue{}, warned: map[string]bool{}, io: IO{Stderr: &bytes.Buffer{}}}
	dir := t.TempDir()
	for _, d := range []string{"a", "b", "c"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
	}
	os.WriteFile(filepath.Join(dir, "a", ".golint-docker.yaml"), []byte("ignore: [GD017]\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b", ".golint-docker.yaml"), []byte("severity: {GD014: error}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "c", ".golint-docker.yaml"), []byte("trusted-registries: [r.example]\n"), 0o644)
	for _, d := range []string{"a", "b", "c"} {
		if _, err := r.planFor(context.Background(), filepath.Join(dir, d)); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.plans) != 3 || len(r.catalogues) != 2 {
		t.Errorf("%d plans, %d catalogues; want 3 and 2", len(r.plans), len(r.catalogues))
	}
}
