package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/bundle"
)

// serving is a web service without a HEALTHCHECK: no-healthcheck (off by
// default) fires on it once turned on; go-version-unsupported (GD024, on by
// default) fires anyway.
const serving = "../../policies/golintdocker/rules/no_healthcheck/testdata/Dockerfile"

// TestEnable: a rule that is off by default runs only when --enable or the
// configuration's enable: names it (by id or name); the command line wins
// over the file both ways; unknown names and rules that are already on are
// said; the data option is the mechanism underneath and still works.
func TestEnable(t *testing.T) {
	repo := t.TempDir()
	os.Mkdir(filepath.Join(repo, ".git"), 0o755)
	df := write(t, repo, "Dockerfile", mustRead(t, serving))
	goModule(t, repo)
	cfg := filepath.Join(repo, ".golint-docker.yaml")
	for _, tc := range []struct {
		name   string
		config string // "" for none
		args   []string
		on     bool   // GD017 reported
		gd024  bool   // GD024 reported (on by default)
		stderr string // in stderr; all of it with code 2
		code   int
	}{
		{name: "off by default", gd024: true},
		{name: "--enable by name", args: []string{"--enable", "no-healthcheck"}, on: true, gd024: true},
		{name: "--enable by id, any case", args: []string{"--enable", "gd017"}, on: true, gd024: true},
		{name: "enable: in the configuration", config: "enable: [no-healthcheck]\n", on: true, gd024: true},
		{name: "--ignore wins over the file's enable:", config: "enable: [GD017]\n", args: []string{"--ignore", "no-healthcheck"}, gd024: true},
		{name: "--enable wins over the file's ignore:", config: "ignore: [no-healthcheck, GD024]\n", args: []string{"--enable", "no-healthcheck", "--enable", "GD024"}, on: true, gd024: true},
		{name: "the file's ignore: wins over its own enable:", config: "enable: [no-healthcheck]\nignore: [no-healthcheck]\n", gd024: true},
		{name: "--ignore wins over --enable", args: []string{"--enable", "no-healthcheck", "--ignore", "GD017"}, gd024: true},
		{name: "the data option underneath", config: "data:\n  options:\n    no_healthcheck:\n      enabled: true\n", on: true, gd024: true},
		{name: "--enable comma-separated", args: []string{"--enable", "GD024,no-healthcheck"}, on: true, gd024: true, stderr: "command line: enable: go-version-unsupported (GD024) is on by default"},
		{name: "--ignore comma-separated", args: []string{"--ignore", "GD024,trimpath"}},
		{name: "an unknown name is a usage error", args: []string{"--enable", "no-helthcheck"}, code: 2,
			stderr: "golint-docker: --enable no-helthcheck: no such rule (did you mean no-healthcheck? golint-docker rules lists the rules)\n"},
		{name: "an unknown name in the file is an error", config: "ignore: [GD028]\nenable: [GD999]\n", code: 2,
			stderr: "golint-docker: " + cfg + `:2: enable: no rule "GD999" (did you mean GD009? golint-docker rules lists the rules)` + "\n"},
		{name: "a rule on by default is said", args: []string{"--enable", "go-version-unsupported"}, gd024: true, stderr: "command line: enable: go-version-unsupported (GD024) is on by default: there is nothing to turn on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(cfg)
			if tc.config != "" {
				write(t, repo, ".golint-docker.yaml", tc.config)
			}
			r := golint(t, "", nil, append([]string{"--format", "json"}, append(tc.args, df)...)...)
			if tc.code == 2 {
				if r.code != 2 || r.stderr != tc.stderr || r.stdout != "" {
					t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", r.code, r.stdout, r.stderr, tc.stderr)
				}
				return
			}
			got := rulesPerFile(t, r)[df]
			if has(got, "GD017") != tc.on || has(got, "GD024") != tc.gd024 {
				t.Errorf("got %v; want GD017 %v, GD024 %v\n%s", got, tc.on, tc.gd024, r.stderr)
			}
			if tc.stderr != "" && !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, r.stderr)
			}
		})
	}
}

func TestEnableErrors(t *testing.T) {
	repo := t.TempDir()
	os.Mkdir(filepath.Join(repo, ".git"), 0o755)
	df := write(t, repo, "Dockerfile", mustRead(t, serving))
	// A typo under data.options would leave the rule off, silently.
	cfg := write(t, repo, ".golint-docker.yaml", "data:\n  options:\n    no_helthcheck:\n      enabled: true\n")
	r := golint(t, "", nil, df)
	if r.code != 2 || !strings.Contains(r.stderr, cfg+":3: data.options.no_helthcheck: no rule no-helthcheck is off by default") {
		t.Errorf("data.options typo: exit %d\n%s", r.code, r.stderr)
	}
	// A rule that is on by default has no option.
	write(t, repo, ".golint-docker.yaml", "data:\n  options:\n    trimpath:\n      enabled: true\n")
	if r := golint(t, "", nil, df); r.code != 2 || !strings.Contains(r.stderr, "data.options.trimpath: no rule trimpath is off by default") {
		t.Errorf("option of a rule on by default: exit %d\n%s", r.code, r.stderr)
	}
	// The schema: enable is a list of names.
	write(t, repo, ".golint-docker.yaml", "enable: no-healthcheck\n")
	if r := golint(t, "", nil, df); r.code != 2 || !strings.Contains(r.stderr, cfg+":1: enable:") {
		t.Errorf("enable: not a list: exit %d\n%s", r.code, r.stderr)
	}
	// An OPA server's bundle decides.
	r = golint(t, "", nil, "--opa-url", "http://127.0.0.1:1", "--enable", "no-healthcheck", clean)
	if r.code != 2 || !strings.Contains(r.stderr, "an OPA server's bundle decides which rules are on") {
		t.Errorf("--opa-url with --enable: exit %d\n%s", r.code, r.stderr)
	}
}

// TestRulesMarkDefaultOff: the list and the explanation say which rules are
// off by default and how to turn them on.
func TestRulesMarkDefaultOff(t *testing.T) {
	r := golint(t, "", nil, "rules")
	var line string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(l, "GD017 ") {
			line = l
		}
		if strings.HasPrefix(l, "GD014 ") && strings.Contains(l, "off by default") {
			t.Errorf("runs-as-root marked off: %s", l)
		}
	}
	if !strings.HasSuffix(line, "Final image has no HEALTHCHECK [off by default]") || !strings.Contains(r.stdout, "runs only when turned on, with --enable NAME") {
		t.Errorf("rules:\n%s", r.stdout)
	}
	r = golint(t, "", nil, "rules", "no-healthcheck")
	if !strings.HasPrefix(r.stdout, "GD017 no-healthcheck (info, off by default)\n") || !strings.Contains(r.stdout, "turn it on with `--enable no-healthcheck`, or `enable: [no-healthcheck]`") {
		t.Errorf("rules no-healthcheck:\n%s", r.stdout)
	}
}

// TestBundleCarriesEnable: the configuration's enable: turns the rule on in
// the bundle's data, where an OPA server's findings decision reads it.
func TestBundleCarriesEnable(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "bundle.tar.gz")
	enabled := func(cfg string) any {
		t.Helper()
		r := golint(t, "", nil, "bundle", "-o", out, "--config", write(t, dir, "cfg.yaml", cfg))
		if r.code != 0 {
			t.Fatalf("bundle: exit %d\n%s", r.code, r.stderr)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		b, err := bundle.NewReader(f).Read()
		if err != nil {
			t.Fatal(err)
		}
		gd, _ := b.Data["golintdocker"].(map[string]any)
		options, _ := gd["options"].(map[string]any)
		nh, _ := options["no_healthcheck"].(map[string]any)
		return nh["enabled"]
	}
	if got := enabled("{}\n"); got != false {
		t.Errorf("without enable: enabled = %v", got)
	}
	if got := enabled("enable: [GD017]\n"); got != true {
		t.Errorf("enable: [GD017]: enabled = %v", got)
	}
	r := golint(t, "", nil, "bundle", "-o", out, "--config", write(t, dir, "cfg.yaml", "enable: [nope]\n"))
	if r.code != 2 || !strings.Contains(r.stderr, `enable: no rule "nope"`) {
		t.Errorf("bundle with an unknown enable: exit %d\n%s", r.code, r.stderr)
	}
}

// TestOPAServerEnable: a platform team turns a rule that is off by default
// on through its bundle's data (bundle --enable, or the configuration's
// enable:); a stock OPA serving the bundle then reports it through
// --opa-url, and a bundle without it does not.
func TestOPAServerEnable(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts OPA servers")
	}
	repo := t.TempDir()
	os.Mkdir(filepath.Join(repo, ".git"), 0o755)
	df := write(t, repo, "Dockerfile", mustRead(t, serving))
	goModule(t, repo)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		on   bool
	}{
		{"default", nil, false},
		{"bundle --enable", []string{"--enable", "no-healthcheck"}, true},
		{"the configuration's enable:", []string{"--config", write(t, dir, "cfg.yaml", "enable: [GD017]\n")}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "bundle.tar.gz")
			if r := golint(t, "", nil, append([]string{"bundle", "-o", out}, tc.args...)...); r.code != 0 {
				t.Fatalf("bundle: exit %d\n%s", r.code, r.stderr)
			}
			r := golint(t, "", nil, "--format", "json", "--opa-url", startOPA(t, out), df)
			got := rulesPerFile(t, r)[df]
			if has(got, "GD017") != tc.on || !has(got, "GD024") {
				t.Errorf("got %v; want GD017 %v and GD024\n%s", got, tc.on, r.stderr)
			}
		})
	}
}
