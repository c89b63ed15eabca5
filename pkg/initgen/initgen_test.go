package initgen_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/discover"
	"github.com/golint-docker/golint-docker/pkg/initgen"
	"github.com/golint-docker/golint-docker/pkg/internal/testengine"
	"github.com/golint-docker/golint-docker/pkg/lint"
)

// module copies testdata/init/NAME to a temporary directory.
func module(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "init", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestReadModule(t *testing.T) {
	for _, tc := range []struct {
		name string
		want initgen.Module
	}{
		{"one", initgen.Module{Path: "example.com/hello", GoVersion: "1.26.2", Mains: []string{"."}, HasSum: true}},
		// tools/gen.go is main but //go:build ignore; internal/store is a library.
		{"several", initgen.Module{Path: "github.com/acme/shop/v2", GoVersion: "1.27", Mains: []string{"./cmd/api", "./cmd/worker"}, HasSum: true}},
		{"nosum", initgen.Module{Path: "example.com/tiny", GoVersion: "1.21", Mains: []string{"."}}},
	} {
		got, err := initgen.ReadModule(module(t, tc.name))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !reflect.DeepEqual(*got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, *got, tc.want)
		}
	}
}

// TestGeneratedDockerfilesPass: for each module and each base (and with a
// health check command), the Dockerfile init writes lints with no warning
// or error — BuildKit's checks included — and no info either.
func TestGeneratedDockerfilesPass(t *testing.T) {
	eng, facts := testengine.Engine(t), testengine.Facts(t)
	for _, mod := range []struct{ name, main string }{{"one", ""}, {"several", "./cmd/worker"}, {"nosum", ""}} {
		for _, base := range initgen.Bases {
			for _, health := range []string{"", "-healthcheck"} {
				name := mod.name + "/" + base
				if health != "" {
					name += "/healthcheck"
				}
				t.Run(name, func(t *testing.T) {
					dir := module(t, mod.name)
					files, err := initgen.Generate(initgen.Options{Dir: dir, Main: mod.main, Base: base, HealthcheckCmd: health})
					if err != nil {
						t.Fatal(err)
					}
					if _, err := initgen.Write(dir, files, false); err != nil {
						t.Fatal(err)
					}
					df := filepath.Join(dir, "Dockerfile")
					res := lint.New(eng, lint.Options{ContextDir: dir, BuildKitChecks: true, Facts: facts}).File(context.Background(), discover.File{Path: df}, nil)
					if res.Err != nil {
						t.Fatalf("%v\n%s", res.Err, files.Dockerfile)
					}
					for _, f := range res.Findings {
						t.Errorf("%s:%d: %s: %s [%s %s]", df, f.Line, f.Severity, f.Message, f.RuleID, f.RuleName)
					}
					if t.Failed() {
						t.Logf("the Dockerfile:\n%s", files.Dockerfile)
					}
					checkShape(t, string(files.Dockerfile), base, health)
				})
			}
		}
	}
}

// checkShape checks what the lint cannot: the choices the flags make.
func checkShape(t *testing.T, df, base, health string) {
	t.Helper()
	wantFrom := map[string]string{"distroless": "FROM " + initgen.DistrolessImage, "scratch": "FROM scratch", "alpine": "FROM " + initgen.AlpineImage}[base]
	if !strings.Contains(df, "\n"+wantFrom+"\n") {
		t.Errorf("no %q", wantFrom)
	}
	if health == "" && !strings.Contains(df, "# No HEALTHCHECK: ") {
		t.Error("HEALTHCHECK NONE without the reason")
	}
	if health != "" && !strings.Contains(df, `"-healthcheck"]`) {
		t.Error("the health check command is not the binary's")
	}
}

func TestGenerateOptions(t *testing.T) {
	dir := module(t, "several")
	files, err := initgen.Generate(initgen.Options{Dir: dir, Main: "cmd/api", Port: 9090, HealthcheckCmd: "/api health --timeout 2s", Supported: []string{"1.28", "1.27"}})
	if err != nil {
		t.Fatal(err)
	}
	df := string(files.Dockerfile)
	for _, want := range []string{
		"FROM --platform=$BUILDPLATFORM golang:1.27 AS build\n",
		"-o /out/api ./cmd/api\n",
		"COPY --from=build /out/api /api\n",
		"EXPOSE 9090\n",
		`CMD ["/api", "health", "--timeout", "2s"]`,
		"COPY go.mod go.sum ./\n",
	} {
		if !strings.Contains(df, want) {
			t.Errorf("no %q in\n%s", want, df)
		}
	}
	if !strings.Contains(string(files.Dockerignore), "\n.git\n") || !strings.Contains(string(files.Dockerignore), "\nvendor/\n") {
		t.Errorf(".dockerignore:\n%s", files.Dockerignore)
	}

	// No go.sum: only go.mod is copied; Go 1.21 becomes the oldest
	// supported release, with a note.
	files, err = initgen.Generate(initgen.Options{Dir: module(t, "nosum"), Supported: []string{"1.27", "1.26"}})
	if err != nil {
		t.Fatal(err)
	}
	if df := string(files.Dockerfile); !strings.Contains(df, "COPY go.mod ./\n") || strings.Contains(df, "go.sum") || !strings.Contains(df, "golang:1.26 AS build") {
		t.Errorf("no go.sum:\n%s", df)
	}
	if len(files.Notes) != 1 || !strings.Contains(files.Notes[0], "go 1.21, which is past end of support: the builder is golang:1.26") {
		t.Errorf("notes %q", files.Notes)
	}
}

func TestGenerateErrors(t *testing.T) {
	several, empty := module(t, "several"), t.TempDir()
	for _, tc := range []struct {
		o    initgen.Options
		want string
	}{
		{initgen.Options{Dir: several}, "github.com/acme/shop/v2 has 2 main packages (./cmd/api, ./cmd/worker): choose one with --main"},
		{initgen.Options{Dir: several, Main: "./internal/store"}, "--main ./internal/store: not a main package of github.com/acme/shop/v2 (main packages: ./cmd/api, ./cmd/worker)"},
		{initgen.Options{Dir: several, Main: "./cmd/api", Base: "ubuntu"}, `--base "ubuntu": want distroless, scratch, alpine`},
		{initgen.Options{Dir: several, Main: "./cmd/api", Port: 70000}, "--port 70000: want 1 to 65535"},
		{initgen.Options{Dir: several, Main: "./cmd/api", HealthcheckCmd: "'unclosed"}, "--healthcheck-cmd"},
		{initgen.Options{Dir: empty}, "no go.mod"},
	} {
		_, err := initgen.Generate(tc.o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.o, err, tc.want)
		}
	}
}

// TestWriteRefusesToOverwrite: without force neither file is written when
// one exists; with force both are replaced.
func TestWriteRefusesToOverwrite(t *testing.T) {
	dir := module(t, "one")
	os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("mine\n"), 0o644)
	files, err := initgen.Generate(initgen.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := initgen.Write(dir, files, false); !errors.Is(err, initgen.ErrExists) || !strings.Contains(err.Error(), ".dockerignore exists: --force replaces it") {
		t.Errorf("got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); err == nil {
		t.Error("the Dockerfile was written though .dockerignore exists")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".dockerignore")); string(b) != "mine\n" {
		t.Error(".dockerignore was replaced")
	}
	written, err := initgen.Write(dir, files, true)
	if err != nil || len(written) != 2 {
		t.Fatalf("force: %v %v", written, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".dockerignore")); string(b) != string(files.Dockerignore) {
		t.Error("force did not replace .dockerignore")
	}
}

// TestWriteRefusesLinks: not even --force replaces a symbolic link (it
// would write where the link leads) or a FIFO (it would wait for a reader),
// and then nothing is written.
func TestWriteRefusesLinks(t *testing.T) {
	for _, kind := range []string{"symlink", "fifo"} {
		t.Run(kind, func(t *testing.T) {
			dir := module(t, "one")
			files, err := initgen.Generate(initgen.Options{Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			outside := filepath.Join(t.TempDir(), "ignore")
			os.WriteFile(outside, []byte("theirs\n"), 0o644)
			ignore := filepath.Join(dir, ".dockerignore")
			if kind == "symlink" {
				err = os.Symlink(outside, ignore)
			} else {
				err = syscall.Mkfifo(ignore, 0o644)
			}
			if err != nil {
				t.Skip(err)
			}
			if _, err := initgen.Write(dir, files, true); err == nil || !strings.Contains(err.Error(), ".dockerignore is not a regular file") {
				t.Errorf("got %v", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); err == nil {
				t.Error("the Dockerfile was written though .dockerignore was refused")
			}
			if b, _ := os.ReadFile(outside); string(b) != "theirs\n" {
				t.Error("the link's target was replaced")
			}
		})
	}
}
