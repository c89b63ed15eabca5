package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/policy"
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
			wantNames: []string{`command line: ignore: no rule "no-such-rule" (golint-docker rules lists them)`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.s.Resolve(tc.cfg)
			opt, unknown, err := r.Canonical(rules)
			if err != nil {
				t.Fatal(err)
			}
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

// TestEnablePrecedence: enable names rules (by id or name) the way ignore
// does; the command line wins over the file both ways, ignore wins within
// one of them; the catalogue turns on only rules that are off by default.
func TestEnablePrecedence(t *testing.T) {
	rules := []finding.Rule{{ID: "GD006", Name: "trimpath"}, {ID: "GD017", Name: "no-healthcheck", DefaultOff: true}, {ID: "GD028", Name: "no-expose"}}
	for _, tc := range []struct {
		name     string
		s        Settings
		cfg      *config.Config
		ignore   []string
		enable   []string // CatalogueOptions.Enable
		problems []string
		err      string // an *UnknownRuleError
	}{
		{name: "nothing"},
		{name: "the file", cfg: &config.Config{Path: "cfg.yaml", Enable: []string{"no-healthcheck"}}, enable: []string{"no-healthcheck"}},
		{name: "the command line adds", cfg: &config.Config{Path: "cfg.yaml", Enable: []string{"GD017"}}, s: Settings{Enable: []string{"no-healthcheck"}}, enable: []string{"GD017", "no-healthcheck"}},
		{name: "--ignore over the file's enable", cfg: &config.Config{Path: "cfg.yaml", Enable: []string{"GD017"}}, s: Settings{Ignore: []string{"no-healthcheck"}}, ignore: []string{"GD017"}, enable: []string{"GD017"}},
		{name: "--enable over the file's ignore", cfg: &config.Config{Path: "cfg.yaml", Ignore: []string{"no-expose", "GD017", "trimpath"}}, s: Settings{Enable: []string{"GD028", "no-healthcheck"}}, ignore: []string{"GD006"}, enable: []string{"GD028", "no-healthcheck"}},
		{name: "ignore over enable in one file", cfg: &config.Config{Path: "cfg.yaml", Ignore: []string{"GD017"}, Enable: []string{"GD017"}}, ignore: []string{"GD017"}, enable: []string{"GD017"}},
		{name: "already on", s: Settings{Enable: []string{"trimpath"}}, enable: []string{"trimpath"}, problems: []string{
			"command line: enable: trimpath (GD006) is on by default: there is nothing to turn on",
		}},
		{name: "unknown in the file", cfg: &config.Config{Path: "cfg.yaml", Enable: []string{"GD999"}}, s: Settings{Enable: []string{"trimpath"}}, enable: []string{"GD999", "trimpath"},
			err: `cfg.yaml: enable: no rule "GD999"`},
		{name: "unknown on the command line", s: Settings{Enable: []string{"no-helthcheck"}}, enable: []string{"no-helthcheck"},
			err: `--enable no-helthcheck: no such rule`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.s.Resolve(tc.cfg)
			opt, problems, err := r.Canonical(rules)
			if tc.err != "" || err != nil {
				var unknown *UnknownRuleError
				if err == nil || err.Error() != tc.err || !errors.As(err, &unknown) || !slices.Contains(unknown.Known, "no-healthcheck") {
					t.Errorf("error %v, want %s", err, tc.err)
				}
				return
			}
			if !reflect.DeepEqual(opt.Ignore, tc.ignore) {
				t.Errorf("ignore %v, want %v", opt.Ignore, tc.ignore)
			}
			if strings.Join(r.Catalogue.Enable, ",") != strings.Join(tc.enable, ",") {
				t.Errorf("enable %v, want %v", r.Catalogue.Enable, tc.enable)
			}
			if !reflect.DeepEqual(problems, tc.problems) {
				t.Errorf("problems %q, want %q", problems, tc.problems)
			}
		})
	}
}

func TestEnabled(t *testing.T) {
	rules := []finding.Rule{{ID: "GD006", Name: "trimpath"}, {ID: "GD017", Name: "no-healthcheck", DefaultOff: true}}
	data := Data(map[string]any{"options": map[string]any{"no_healthcheck": map[string]any{"note": "n"}}}, []string{"r.example"})
	before, _ := json.Marshal(data)
	got, err := Enabled(data, rules, []string{"gd017", "trimpath", "nope"})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(got)
	want := `{"golintdocker":{"config":{"trusted_registries":["r.example"]},"options":{"no_healthcheck":{"enabled":true,"note":"n"}}}}`
	if string(raw) != want {
		t.Errorf("got %s\nwant %s", raw, want)
	}
	if after, _ := json.Marshal(data); string(after) != string(before) {
		t.Errorf("Enabled changed its argument: %s", after)
	}
}

// TestCatalogueOff: the catalogue says which rules off by default stay off,
// after enable and the data option.
func TestCatalogueOff(t *testing.T) {
	for _, tc := range []struct {
		o   CatalogueOptions
		off bool // GD017 stays off
	}{
		{CatalogueOptions{}, true},
		{CatalogueOptions{Enable: []string{"no-healthcheck"}}, false},
		{CatalogueOptions{Data: Data(map[string]any{"options": map[string]any{"no_healthcheck": map[string]any{"enabled": true}}}, nil)}, false},
		// An OPA server's data is not seen: a pragma naming GD017 is never stale.
		{CatalogueOptions{Enable: []string{"no-healthcheck"}, OPAURL: "http://127.0.0.1:1"}, true},
	} {
		c, err := NewCatalogue(context.Background(), tc.o)
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		if slices.Contains(c.Off, "GD017") != tc.off || slices.Contains(c.Off, "GD014") {
			t.Errorf("%+v: off %v, want GD017 off: %v", tc.o, c.Off, tc.off)
		}
	}
}

// TestShippedOptions: the shipped data says enabled: false for every
// built-in rule that is off by default (a stock opa, without the rules'
// metadata, reads it there), and names no other rule.
func TestShippedOptions(t *testing.T) {
	loaded, err := LoadPolicies(nil)
	if err != nil {
		t.Fatal(err)
	}
	gd, _ := loaded.Data["golintdocker"].(map[string]any)
	options, _ := gd["options"].(map[string]any)
	off := 0
	for _, r := range loaded.Rules {
		o, ok := options[policy.OptionsKey(r)].(map[string]any)
		switch {
		case r.DefaultOff && (!ok || o["enabled"] != false):
			t.Errorf("%s is off by default, but the shipped data.golintdocker.options.%s is %v", r.Name, policy.OptionsKey(r), o)
		case !r.DefaultOff && ok:
			t.Errorf("data.golintdocker.options.%s: %s is on by default", policy.OptionsKey(r), r.Name)
		}
		if r.DefaultOff {
			off++
		}
	}
	if off == 0 || len(options) != off {
		t.Errorf("%d rules off by default, %d options", off, len(options))
	}
}
