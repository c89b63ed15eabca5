package document

import (
	"fmt"
	"path"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
)

// Words in stage and file names that say what a stage is for.
var (
	devWords = wordSet("dev devel develop development devcontainer devcontainers tilt dapper gitpod workspace shell debug")
	// CI stages: checks, generators, dependency updates, docs.
	checkWords = wordSet("validate validation validator lint linter linters lints test tests testing check checks " +
		"verify vendor vet fmt format gofmt golangci govulncheck vulncheck shellcheck shfmt e2e integration unit " +
		"coverage cover generate generated gen codegen update updates outdated authors docs doctoc yamllint tidy ci " +
		"fuzz gomod mod conformance smoke archutil")
	// Names that say a stage is the shipped image; the first set also
	// outweighs what the Dockerfile's name says.
	releaseWords = wordSet("release releases prod production runtime final app server image deploy service")
	shipWords    = wordSet("release releases prod production")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var wordSplit = lazyre.New(`[^a-z0-9]+`)

// tokens splits a name into lower-case words.
func tokens(s string) []string {
	return wordSplit().Split(strings.ToLower(s), -1)
}

func anyWord(ws []string, set map[string]bool) string {
	for _, w := range ws {
		if set[w] {
			return w
		}
	}
	return ""
}

// fileWords are the words of the Dockerfile's name (and of its folder for
// .devcontainer): Dockerfile.dev, lint.Dockerfile, .devcontainer/Dockerfile.
func (b *builder) fileWords() []string {
	name := strings.ReplaceAll(b.doc.File, "__", "/")
	base := path.Base(name)
	ws := tokens(base)
	for _, dir := range strings.Split(path.Dir(name), "/") {
		switch dir {
		case ".devcontainer":
			ws = append(ws, "devcontainer")
		case "test", "tests", "e2e":
			ws = append(ws, dir)
		}
	}
	return ws
}

// fixture: the Dockerfile is a parser test case, not meant to be built.
func (b *builder) fixture() bool {
	for _, dir := range strings.Split(strings.ReplaceAll(b.doc.File, "__", "/"), "/") {
		if dir == "testfiles" || dir == "testfiles-negative" || dir == "fixtures" {
			return true
		}
	}
	return false
}

// Programs that make an image a shell or an interpreter to work in, when
// started without a script.
var interactive = wordSet("sh bash ash dash zsh fish pwsh powershell cmd cmd.exe powershell.exe python python3 node irb ruby php jshell iex erl ghci")

// Programs that need the Go toolchain (or are one) when an image runs them.
var goTools = wordSet("go golangci-lint goreleaser xcaddy ko gopls staticcheck mage task air gofumpt")

// role decides what stage i is for, with the evidence that decided it.
func (b *builder) role(i int, usedBy []int, copiedFrom bool, end []placement) (string, []string) {
	s := &b.doc.Stages[i]
	leaf := len(usedBy) == 0
	start := b.startWords(s)
	nameWords := tokens(s.Name)
	released := anyWord(nameWords, releaseWords) != ""
	kind := ""
	if s.Image != nil {
		kind = s.Image.String("kind")
	}
	// The stage --target builds, when it starts something: the user asks
	// for that image.
	if b.opt.Target != "" && i == b.doc.FinalStage && len(start) > 0 && !b.fixture() {
		return RoleRuntime, []string{fmt.Sprintf("--target %s builds it and it starts `%s`", b.opt.Target, strings.Join(start, " "))}
	}
	// Development containers and CI stages, by name.
	if w := anyWord(nameWords, devWords); w != "" {
		return RoleDev, []string{fmt.Sprintf("the stage is named %q", s.Name)}
	}
	if kind == "dev" {
		return RoleDev, []string{fmt.Sprintf("%s is a development container image", s.From.Image)}
	}
	if w := anyWord(nameWords, checkWords); w != "" && !released {
		return RoleCheck, []string{fmt.Sprintf("the stage is named %q", s.Name)}
	}
	if !copiedFrom && anyWord(nameWords, shipWords) == "" {
		fw := b.fileWords()
		if w := anyWord(fw, devWords); w != "" {
			return RoleDev, []string{fmt.Sprintf("the Dockerfile's name says %q", w)}
		}
		if w := anyWord(fw, checkWords); w != "" {
			return RoleCheck, []string{fmt.Sprintf("the Dockerfile's name says %q", w)}
		}
	}
	if b.fixture() {
		return RoleCheck, []string{"the Dockerfile is a test fixture (testfiles, fixtures)"}
	}
	if cmd := b.checkCommand(s); cmd != "" && len(start) == 0 {
		return RoleCheck, []string{fmt.Sprintf("it runs `%s` and starts nothing", cmd)}
	}
	if b.doc.Stages[s.Root].From.Scratch && len(start) == 0 {
		return RoleExport, []string{"FROM scratch with nothing to start: files for --output"}
	}
	if !leaf && (copiedFrom || len(start) == 0) {
		return RoleBuilder, []string{fmt.Sprintf("stage %s reads from it", b.label(usedBy[0]))}
	}
	if cmd := b.cmdWords(s); len(cmd) > 0 && interactive[path.Base(cmd[0])] && onlyOptions(cmd[1:]) {
		return RoleToolchain, []string{fmt.Sprintf("it starts `%s`, a shell or interpreter to work in", strings.Join(start, " "))}
	}
	if onbuild(s) {
		return RoleBase, []string{"it has ONBUILD instructions: an image to build on"}
	}
	localBuild := false
	for _, p := range end {
		bld := b.doc.Stages[p.stage].Instructions[p.instr].Run.Go[p.goIdx].Build
		if !bld.Remote && b.doc.Stages[p.stage].Root == s.Root {
			localBuild = true
		}
	}
	toolchain := kind == "toolchain"
	if s.Image != nil {
		if v, _ := s.Image.Bool("go_toolchain"); v {
			toolchain = true
		}
	}
	if toolchain && !localBuild && !released && !b.buildsByScript(s) {
		why := fmt.Sprintf("it rests on %s, a toolchain image, and builds nothing of its own to run", s.From.Image)
		if s.From.Stage != nil {
			why = fmt.Sprintf("it rests on %s, a toolchain image, and builds nothing of its own to run", b.doc.Stages[s.Root].From.Image)
		}
		return RoleToolchain, []string{why}
	}
	if len(start) > 0 {
		what := "CMD"
		if s.Entrypoint != nil {
			what = "ENTRYPOINT"
		}
		return RoleRuntime, []string{fmt.Sprintf("its %s starts `%s`", what, strings.Join(start, " "))}
	}
	for _, p := range end {
		if !b.doc.Stages[p.stage].Instructions[p.instr].Run.Go[p.goIdx].Build.Remote {
			return RoleRuntime, []string{"it holds a Go binary built here, started by whoever runs the image"}
		}
	}
	if leaf && s.Image != nil {
		if v, _ := s.Image.Bool("serves"); v {
			return RoleRuntime, []string{fmt.Sprintf("%s serves with its own CMD", s.From.Image)}
		}
	}
	return RoleBase, []string{"it starts nothing (no ENTRYPOINT or CMD) and holds no binary built here: an image to build on"}
}

// cmdWords is the program the image runs for its users: the CMD when the
// ENTRYPOINT is a wrapper script (docker-entrypoint.sh node), else what it
// starts.
func (b *builder) cmdWords(s *Stage) []string {
	start := b.startWords(s)
	if s.Entrypoint != nil && s.Cmd != nil && len(start) > 0 && strings.Contains(path.Base(start[0]), "entrypoint") {
		in := b.doc.Stages[s.Cmd.Stage].Instructions[s.Cmd.Instruction]
		if in.Form == "exec" {
			return in.Args
		}
		return strings.Fields(strings.Join(in.Args, " "))
	}
	return start
}

func onbuild(s *Stage) bool {
	for _, in := range s.Instructions {
		if in.Cmd == "onbuild" {
			return true
		}
	}
	return false
}

// buildsByScript: the stage's chain builds with make or a build script,
// which golint-docker cannot see into.
func (b *builder) buildsByScript(s *Stage) bool {
	found := false
	b.chain(s.Index, func(st *Stage) {
		for _, in := range st.Instructions {
			if in.Run == nil {
				continue
			}
			for _, c := range in.Run.Commands {
				if c.Name == "make" || c.Name == "mage" || c.Name == "task" || strings.Contains(c.Name, "build") {
					found = true
				}
			}
		}
	})
	return found
}

func (b *builder) label(i int) string {
	if n := b.doc.Stages[i].Name; n != "" {
		return fmt.Sprintf("%q", n)
	}
	return fmt.Sprint(i)
}

func onlyOptions(args []string) bool {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return false
		}
	}
	return true
}

// startWords is what the image starts: the ENTRYPOINT in effect (with the
// CMD it gets as arguments), else the CMD, split into words; nil when
// neither is set in the Dockerfile.
func (b *builder) startWords(s *Stage) []string {
	var out []string
	for _, ref := range []*Ref{s.Entrypoint, s.Cmd} {
		if ref == nil {
			continue
		}
		in := b.doc.Stages[ref.Stage].Instructions[ref.Instruction]
		if in.Form == "exec" {
			out = append(out, in.Args...)
		} else {
			for _, a := range in.Args {
				out = append(out, strings.Fields(a)...)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Commands whose running in a stage makes it a CI stage, when it starts
// nothing.
var checkGo = wordSet("test vet")
var checkTools = wordSet("golangci-lint staticcheck govulncheck gotestsum ginkgo shellcheck yamllint hadolint revive gofumpt goimports markdownlint misspell")
var checkMake = wordSet("test tests lint check validate verify vet fmt-check unit e2e integration")

func (b *builder) checkCommand(s *Stage) string {
	for _, in := range s.Instructions {
		if in.Run == nil {
			continue
		}
		for _, g := range in.Run.Go {
			if checkGo[g.Subcommand] || g.Subcommand == "mod tidy" || g.Subcommand == "mod verify" {
				return "go " + g.Subcommand
			}
		}
		for _, c := range in.Run.Commands {
			if checkTools[c.Name] {
				return c.Name
			}
			if c.Name == "make" {
				for _, a := range c.Argv[1:] {
					if checkMake[a] {
						return "make " + a
					}
				}
			}
		}
	}
	return ""
}
