// Package document turns a parsed Dockerfile into the input document every
// rule reads: stages, instructions, resolved ARGs, the effective environment
// and the commands of every RUN, with the facts about each go build.
//
// The shape is a contract with rule authors (ours and platform teams');
// docs/input.schema.json describes it and SchemaVersion changes when it breaks.
//
// It is public API for other Go programs: the document's Go types are that
// contract.
package document

import (
	"github.com/golint-docker/golint-docker/pkg/imagefacts"
	"github.com/golint-docker/golint-docker/pkg/imageref"
)

// SchemaVersion is the version of the input document's shape.
const SchemaVersion = 1

// Document is the input of every rule.
type Document struct {
	SchemaVersion int               `json:"schema_version"`
	File          string            `json:"file"`
	Directives    map[string]string `json:"directives"`
	Context       *Context          `json:"context"`
	BuildArgs     map[string]string `json:"build_args"`
	Target        string            `json:"target"`
	// Args are the global ARGs, declared before the first FROM.
	Args       []Arg   `json:"args"`
	Stages     []Stage `json:"stages"`
	FinalStage int     `json:"final_stage"`
	// RuntimeStages are the images the runtime-image rules check: the
	// final stage when it is a runtime image; else, without --target, the
	// runtime images the last stage would hide (a release stage followed by
	// a test stage), each not built on another of them; else none.
	RuntimeStages []int `json:"runtime_stages"`
	// Fixture: the Dockerfile is a parser or builder test case under
	// testfiles/ or fixtures/, not meant to be built.
	Fixture bool `json:"fixture"`
}

// Context is what is known about the build context (pkg/buildctx finds it
// and reads these facts). A nil Context means the context is unknown: rules
// that depend on it say nothing.
type Context struct {
	// Dir is the context directory, relative when the Dockerfile's path was.
	Dir string `json:"dir"`
	// FoundBy says how Dir was chosen: "flag" (--context), "sources" (the
	// nearest directory, up to the repository root, holding the files the
	// Dockerfile copies) or "dockerfile_dir" (the Dockerfile's directory,
	// when it is the repository root and the Dockerfile names no source).
	FoundBy string `json:"found_by"`
	// Dockerignore is the path of the ignore file that applies (the
	// Dockerfile-specific one first), or "" when there is none;
	// DockerignorePatterns its patterns as BuildKit reads them.
	Dockerignore         string   `json:"dockerignore"`
	DockerignorePatterns []string `json:"dockerignore_patterns"`
	// DockerignoreError says why the ignore file that applies could not be
	// read (not a regular file, too large, a link out of the context): its
	// patterns are then unknown and DockerignorePatterns is empty. "" when
	// it was read, or there is none.
	DockerignoreError string `json:"dockerignore_error"`
	// GoMod is go.mod at the root of the context, nil when there is none.
	// GoMod, GoSum and VendorModules count only files the build receives
	// (not excluded by the .dockerignore).
	GoMod *GoMod `json:"go_mod"`
	GoSum bool   `json:"go_sum"`
	// VendorModules is vendor/modules.txt present.
	VendorModules bool `json:"vendor_modules"`
	// Vendored says go commands in the module use vendor/ by default:
	// vendor/modules.txt is there and go.mod's go line is 1.14 or later.
	Vendored bool `json:"vendored"`
}

// GoMod is what the rules need of a go.mod.
type GoMod struct {
	Module    string `json:"module"`
	Go        string `json:"go"`
	Toolchain string `json:"toolchain"`
	// HasRequires is false for a module without dependencies;
	// RemoteRequires is false too when each is replaced by a local
	// directory: either way `go mod download` has nothing to fetch.
	HasRequires    bool `json:"has_requires"`
	RemoteRequires bool `json:"remote_requires"`
	// LocalReplaces are the replace directives whose replacement is a
	// directory (=> ./lib, => ../shared), in go.mod's order: go commands
	// read each directory's go.mod to load the module graph, so `go mod
	// download` fails in a stage that has go.mod but not them.
	LocalReplaces []LocalReplace `json:"local_replaces"`
	// Error is why go.mod could not be parsed ("" when it was); the other
	// fields are then empty and not to be trusted.
	Error string `json:"error"`
}

// LocalReplace is a replace directive of go.mod that points to a directory.
type LocalReplace struct {
	// Module is the module path replaced; Dir the directory as written.
	Module string `json:"module"`
	Dir    string `json:"dir"`
	// Path is Dir inside the context, slash-separated and cleaned
	// ("lib", "pkg/api"), or "" when it is not inside it (above the
	// context's root, or absolute).
	Path string `json:"path"`
	// GoMod is Path/go.mod present in the context and not excluded by the
	// .dockerignore: a COPY of it works.
	GoMod bool `json:"go_mod"`
}

// Arg is a declared build argument.
type Arg struct {
	Name string `json:"name"`
	// Default is the value written in the Dockerfile (nil when none).
	Default *string `json:"default"`
	// Value is what the build uses: --build-arg, else the default expanded,
	// else nil.
	Value    *string `json:"value"`
	Provided bool    `json:"provided"`
	Line     int     `json:"line"`
	EndLine  int     `json:"end_line"`
	// Original is the ARG instruction as written.
	Original string `json:"original"`
}

// Stage is one FROM and the instructions under it.
type Stage struct {
	Index   int    `json:"index"`
	Name    string `json:"name"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
	// Original is the FROM instruction as written (continuations joined), and
	// FromEndLine the line where it ends.
	Original    string `json:"original"`
	FromEndLine int    `json:"from_end_line"`
	From        From   `json:"from"`
	// Root is the stage at the bottom of the chain of stages this one is
	// built on, through From.Stage (this one when it is based on an image);
	// its From names the image everything rests on. The chain itself is not
	// listed: for stages built on each other it would grow with the square
	// of their number (lib.chain in the policies walks it).
	Root int `json:"root"`
	// DependsOn are the stages this one reads from: its base, COPY --from,
	// RUN --mount=from.
	DependsOn   []int `json:"depends_on"`
	Final       bool  `json:"final"`
	UsedByFinal bool  `json:"used_by_final"`
	// The last USER, HEALTHCHECK, ENTRYPOINT and CMD in effect at the end of
	// the stage, looking through parent stages.
	User         *Ref              `json:"user"`
	Healthcheck  *Ref              `json:"healthcheck"`
	Entrypoint   *Ref              `json:"entrypoint"`
	Cmd          *Ref              `json:"cmd"`
	Workdir      string            `json:"workdir"`
	Shell        []string          `json:"shell"`
	GoEnv        map[string]string `json:"go_env"`
	Instructions []Instruction     `json:"instructions"`

	// Role is what the stage is for (see Role*), and RoleEvidence what
	// decided it, one phrase each.
	Role         string   `json:"role"`
	RoleEvidence []string `json:"role_evidence"`
	// Image is what is known about the image the stage rests on (the data
	// entry from data.golintdocker.images, with its key as id), or null
	// when the image is unknown: rules then say nothing about it.
	Image imagefacts.Facts `json:"image"`
	// OS is "windows" for a Windows image (image data, C:\ paths, a
	// PowerShell or cmd SHELL), else "linux" when the image is known, else "".
	OS string `json:"os"`
	// Built says the stage is built for the final stage or for a runtime
	// stage; Ships that its files reach a runtime stage.
	Built bool `json:"built"`
	Ships bool `json:"ships"`
	// InImage: the stage's own layers are part of a runtime image (it is
	// one, or one is built on it with FROM): what its RUNs leave behind
	// (package lists, caches) is shipped.
	InImage bool `json:"in_image"`
	// Debug marks a debug image: Delve in it, or binaries built with
	// optimisations off. Delve: Delve is in the image or starts it.
	Debug bool `json:"debug"`
	Delve bool `json:"delve"`
	// Serves lists the evidence that the image serves on a port: EXPOSE, a
	// listening flag or PORT variable of what it starts, a server base image.
	Serves []string `json:"serves"`
	// Files says whether the stage's filesystem has each file set (true),
	// certainly lacks it (false) or may have it (null).
	Files Files `json:"files"`
	// EmbedsTzdata: a Go binary in the image embeds the time zone database
	// (-tags timetzdata); null when a binary's tags cannot be known.
	EmbedsTzdata *bool `json:"embeds_tzdata"`
	// Packages are the packages the stage's own RUNs install.
	Packages []Package `json:"packages"`
	// Binaries are the Go binaries built in this Dockerfile that are in the
	// stage's filesystem at its end, and where.
	Binaries []Binary `json:"binaries"`
	// Prebuilt are the Go binaries a runtime image gets ready-made rather
	// than built here: from a ko-built image, or from GoReleaser.
	Prebuilt []Prebuilt `json:"prebuilt"`
	// GoVersion is the Go release of the golang image the stage rests on,
	// from its tag ("1.22", "1.22.5"), "latest" for a tag that names none
	// (golang:alpine: the newest release); "" when the image is not a
	// golang image or its tag is not known.
	GoVersion string `json:"go_version"`
	// GoSettings are the Go environment variables (GO*, CGO_*) the stage's
	// own instructions set, where they set them: ENV, ARG (with a value),
	// a RUN's inline assignment or export, `go env -w`.
	GoSettings []GoSetting `json:"go_settings"`
	// UndeclaredPlatformArgs are the instructions that refer to platform
	// ARGs the stage does not declare (empty inside the stage), in order.
	UndeclaredPlatformArgs []UndeclaredArgs `json:"undeclared_platform_args"`
	// JSONInvalid are the positions of the instructions whose arguments
	// look like a JSON array but are not valid JSON (Instruction.JSONInvalid).
	JSONInvalid []int `json:"json_invalid"`
	// CommandsByName are the simple commands of the stage's RUNs by
	// name (Command.Name: sudo, useradd...), in order.
	CommandsByName map[string][]CommandRef `json:"commands_by_name"`
}

// GoSetting is one place a Go environment variable is set.
type GoSetting struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Via is how: "env", "arg", "run" (NAME=value cmd, export) or "go env -w".
	Via     string `json:"via"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
}

// Stage roles.
const (
	// RoleRuntime: an image that runs a program (a service, a CLI).
	RoleRuntime = "runtime"
	// RoleExport: FROM scratch with files copied in and nothing to run, used
	// with --output.
	RoleExport = "export"
	// RoleCheck: a CI stage (lint, test, validate, vendor, generate).
	RoleCheck = "check"
	// RoleDev: a development container (dev, devcontainer, Tilt, dapper).
	RoleDev = "dev"
	// RoleToolchain: an image whose program needs a toolchain (golang,
	// golangci-lint, an interpreter or shell as its command).
	RoleToolchain = "toolchain"
	// RoleBuilder: a stage other stages build on or copy from.
	RoleBuilder = "builder"
	// RoleBase: an image meant to be built on: it starts nothing itself.
	RoleBase = "base"
)

// Files are the file sets runtime rules ask about.
type Files struct {
	CACerts *bool `json:"ca_certs"`
	Tzdata  *bool `json:"tzdata"`
}

// Package is a package a RUN installs.
type Package struct {
	Name    string `json:"name"`
	Manager string `json:"manager"`
	// Recommends: installed with its recommended packages (apt without
	// --no-install-recommends; apk, dnf and yum always).
	Recommends bool `json:"recommends"`
	// Removed by a later apk del / apt-get purge of it (or of the
	// virtual package it was installed as) in the same stage.
	Removed bool `json:"removed"`
	Line    int  `json:"line"`
}

// Binary is a go build output in a stage's filesystem.
type Binary struct {
	// Where it was built: the go command Go of instruction Instruction of
	// stage Stage.
	Stage       int `json:"stage"`
	Instruction int `json:"instruction"`
	Go          int `json:"go"`
	// Path is where it is in this stage ("" when only the directory is
	// known).
	Path string `json:"path"`
}

// Prebuilt is a Go binary copied into an image ready-made. By says what
// built it: "ko" (a COPY --from an image ko built, whose programs live in
// /ko-app) or "goreleaser" (a GoReleaser configuration builds this
// Dockerfile, and GoReleaser puts the binaries it built in the build
// context: the program the image starts, copied from there, is one).
type Prebuilt struct {
	// Path is where it is in the image.
	Path string `json:"path"`
	By   string `json:"by"`
	// The COPY that brings it.
	Stage       int `json:"stage"`
	Instruction int `json:"instruction"`
	Line        int `json:"line"`
	// Evidence says what showed it.
	Evidence string `json:"evidence"`
}

// Ref points at an instruction.
type Ref struct {
	Stage       int `json:"stage"`
	Instruction int `json:"instruction"`
	Line        int `json:"line"`
}

// From is a stage's base.
type From struct {
	// Original is the image as written; Image with global ARGs expanded.
	Original string `json:"original"`
	Image    string `json:"image"`
	imageref.Ref
	// Unresolved names the variables that had no value.
	Unresolved       []string `json:"unresolved"`
	Platform         string   `json:"platform"`
	PlatformResolved string   `json:"platform_resolved"`
	// Stage is the index of the earlier stage this one is built on, or nil.
	Stage *int `json:"stage"`
	// TagVersion is the MAJOR.MINOR[.PATCH] release the image's tag starts
	// with ("1.21-alpine": 1, 21, "1.21"), nil when it starts with none
	// (or the base is a stage): parsed once here for the rules that
	// compare releases.
	TagVersion *TagVersion `json:"tag_version"`
}

// TagVersion is a release number at the start of an image tag.
type TagVersion struct {
	Major int `json:"major"`
	Minor int `json:"minor"`
	// Text is the release as written: "1.21", "1.21.5".
	Text string `json:"text"`
}

// Instruction is one Dockerfile instruction with what it means.
type Instruction struct {
	Index    int      `json:"index"`
	Cmd      string   `json:"cmd"`
	Line     int      `json:"line"`
	EndLine  int      `json:"end_line"`
	Original string   `json:"original"`
	Flags    []string `json:"flags"`
	// Form is "exec" (JSON array) or "shell" for instructions that take
	// either; "" for the others.
	Form string `json:"form"`
	// JSONInvalid is set when the arguments look like a JSON array but are
	// not valid JSON, so BuildKit silently fell back to shell form.
	JSONInvalid bool     `json:"json_invalid"`
	Args        []string `json:"args"`
	// Env is the environment in effect before this instruction: ENV and ARG
	// of this stage and its parent stages, expanded. A declared ARG without a
	// value is null. When the stage has more than EnvLimit variables (a
	// generated Dockerfile) it holds only those the instruction refers to,
	// the GO*/CGO_* ones and the platform ARGs, and EnvComplete is false.
	Env         map[string]*string `json:"env"`
	EnvComplete bool               `json:"env_complete"`
	Workdir     string             `json:"workdir"`

	Run         *Run         `json:"run,omitempty"`
	Copy        *Copy        `json:"copy,omitempty"`
	Healthcheck *Healthcheck `json:"healthcheck,omitempty"`
	User        *User        `json:"user,omitempty"`
	Expose      []Port       `json:"expose,omitempty"`
	Pairs       []Pair       `json:"pairs,omitempty"`
	Path        string       `json:"path,omitempty"`
}

// Pair is one KEY=value of ENV, ARG or LABEL.
type Pair struct {
	Key string `json:"key"`
	// Value is expanded; nil for an ARG without a default.
	Value *string `json:"value"`
	Raw   *string `json:"raw"`
}

// Run is what a RUN instruction runs.
type Run struct {
	Mounts   []Mount   `json:"mounts"`
	Network  string    `json:"network"`
	Security string    `json:"security"`
	Shell    []string  `json:"shell"`
	Heredocs []Heredoc `json:"heredocs"`
	// Script is the shell source that was parsed ("" in exec form).
	Script     string      `json:"script"`
	ShellError string      `json:"shell_error"`
	Commands   []Command   `json:"commands"`
	Go         []GoCommand `json:"go"`
	// Pipelines are the pipes (a | b) of the script.
	Pipelines []Pipeline `json:"pipelines"`
	// PackageCommands are the package-manager commands of the script
	// (apt-get, apt, apk, ...), with the options the rules ask about.
	PackageCommands []PackageCommand `json:"package_commands"`
	// User is the USER the RUN runs as (expanded, as written: "app",
	// "1000:1000"); null when no USER is set in the Dockerfile before it
	// (the image's default user).
	User *string `json:"user"`
	// ContextGoMod: the build context's go.mod is in the RUN's filesystem
	// as far as the Dockerfile shows: a COPY or ADD without --from earlier
	// in the stage or in a stage of its chain copies the whole context or
	// go.mod (go.mod, go.*, ./), or a bind mount of the RUN without from=
	// mounts the context. Whether the context has a go.mod is
	// context.go_mod's business; a module from elsewhere (COPY --from, ADD
	// of a git repository) is not the context's.
	ContextGoMod bool `json:"context_go_mod"`
}

// Pipeline is a pipe of a RUN script: `curl -fsSL $URL | sh`.
type Pipeline struct {
	// Commands are, for each stage of the pipe in order, the position in
	// Run.Commands of the simple command it runs; -1 for a stage that is a
	// compound command (a loop, a { group }, a subshell).
	Commands []int `json:"commands"`
	// Pipefail: the pipe fails when any of its commands fails, not only
	// the last: `set -o pipefail` ran before it in the same shell, or the
	// SHELL the RUN runs with sets -o pipefail.
	Pipefail bool `json:"pipefail"`
	// Substituted: the pipe is inside $(...), `...` or <(...), whose
	// status the script mostly ignores.
	Substituted bool `json:"substituted"`
	Span
}

// PackageCommand is one package-manager command of a RUN: `apt-get install
// -y --no-install-recommends curl`, `apk add --no-cache git`.
type PackageCommand struct {
	// Command is its position in Run.Commands (a `sudo apt-get ...` is the
	// sudo command).
	Command int `json:"command"`
	// Manager is the program: apt-get, apt, aptitude, apk, dnf, yum,
	// microdnf, tdnf, zypper.
	Manager string `json:"manager"`
	// Verb is the first word that is not an option: install, add, update,
	// upgrade, remove, del...; "" when there is none.
	Verb string `json:"verb"`
	// AssumeYes: it answers its own questions (apt -y, --yes,
	// --assume-yes, -qq, -o APT::Get::Assume-Yes=true; dnf/yum -y; zypper
	// -n); always true for apk, which does not ask.
	AssumeYes bool `json:"assume_yes"`
	// NoRecommends: apt --no-install-recommends (or -o
	// APT::Install-Recommends=false).
	NoRecommends bool `json:"no_recommends"`
	// NoCache: apk --no-cache. Update: apk --update or -U.
	NoCache bool `json:"no_cache"`
	Update  bool `json:"update"`
	// CacheRemoved: what the command leaves behind (apt's package lists,
	// apk's index) is gone when the RUN ends: removed later in the script
	// (rm -rf /var/lib/apt/lists/*, /var/cache/apk/*) or held by a cache or
	// tmpfs mount of the RUN.
	CacheRemoved bool `json:"cache_removed"`
	// Args are the packages named, with the version when one is pinned
	// (curl=7.88.1-10, tzdata~=2024a, git>2.40: Version "7.88.1-10",
	// "2024a", "2.40"); words that cannot be known ($PKGS) are left out and
	// ArgsUnknown says so.
	Args        []PackageArg `json:"args"`
	ArgsUnknown bool         `json:"args_unknown"`
	Span
	// Unpinned are the names of the Args named without a version, other
	// than local files, in order.
	Unpinned []string `json:"unpinned"`
}

// PackageArg is a package named on a package-manager command line.
type PackageArg struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// Local: a file (./pkg.deb, /tmp/x.apk, *.rpm), not a repository's
	// package.
	Local bool `json:"local"`
}

// Mount is one --mount of RUN.
type Mount struct {
	Type      string `json:"type"`
	Target    string `json:"target"`
	Source    string `json:"source"`
	From      string `json:"from"`
	FromStage *int   `json:"from_stage"`
	// FromImage is From split as an image reference, as Copy.FromImage;
	// null when From names a stage, is a number or holds a variable left
	// unresolved.
	FromImage *imageref.Ref `json:"from_image"`
	// FromPos is where the from= value is written (exact: once, as is).
	FromPos  Span   `json:"from_pos"`
	ID       string `json:"id"`
	Sharing  string `json:"sharing"`
	ReadOnly bool   `json:"readonly"`
	Required bool   `json:"required"`
}

// Heredoc is a here-document attached to RUN, COPY or ADD.
type Heredoc struct {
	Name    string `json:"name"`
	Content string `json:"content"`
	Expand  bool   `json:"expand"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
}

// Span is where something is in the Dockerfile; columns are 1-based bytes.
// Exact is false when the place is known only approximately (inside an
// escaped `sh -c` string): rules must not offer an edit there.
type Span struct {
	Line      int  `json:"line"`
	Column    int  `json:"column"`
	EndLine   int  `json:"end_line"`
	EndColumn int  `json:"end_column"`
	Exact     bool `json:"exact"`
}

// Command is one simple command of a RUN script.
type Command struct {
	Name string   `json:"name"`
	Argv []string `json:"argv"`
	// Expanded is Argv expanded as the shell would (ARG, ENV, --build-arg,
	// the script's own variables, field splitting); null when a value it
	// needs cannot be known.
	Expanded []string `json:"expanded"`
	// Env holds the inline assignments (FOO=1 cmd).
	Env  map[string]string `json:"env"`
	Vars []string          `json:"vars"`
	// Top: the command runs in the RUN's own shell, in sequence (not in a
	// subshell, a $(...), a function, or as a stage of a pipe), so what it
	// changes (cd, set, exports) holds for the commands after it.
	Top bool `json:"top"`
	Span
}

// GoCommand is a `go` command with the facts rules need.
type GoCommand struct {
	Subcommand string   `json:"subcommand"`
	Argv       []string `json:"argv"`
	// Env is the GO*/CGO_* environment the command sees: inline, exported
	// earlier in the script, ENV/ARG, `go env -w`, in that precedence.
	Env        map[string]string `json:"env"`
	CGOEnabled *string           `json:"cgo_enabled"`
	GOOS       *string           `json:"goos"`
	GOARCH     *string           `json:"goarch"`
	Ldflags    *Ldflags          `json:"ldflags"`
	Tags       []string          `json:"tags"`
	Trimpath   bool              `json:"trimpath"`
	Output     *string           `json:"output"`
	Packages   []string          `json:"packages"`
	Flags      []Flag            `json:"flags"`
	// FlagsPos is just after the subcommand ("go build|"): where a new flag
	// is inserted (with a leading space).
	FlagsPos Span `json:"flags_pos"`
	// Unknown names the facts above whose value cannot be known (a variable
	// without a value: ARG without default, $(command)): "ldflags", "tags",
	// "trimpath", "output", "packages", "cgo_enabled", "goos", "goarch",
	// "gcflags". Rules say nothing about those.
	Unknown []string `json:"unknown"`
	// Build is what a go build or go install makes; null for other go
	// commands.
	Build *GoBuild `json:"build"`
	// XX: the command is tonistiigi/xx's xx-go, or go after `xx-go --wrap`
	// in the stage: GOOS, GOARCH (and the C cross compiler, when one is
	// installed with xx-apk or xx-apt) follow the target platform, so GOOS
	// and GOARCH read "$TARGETOS" and "$TARGETARCH" unless set otherwise.
	XX bool `json:"xx"`
	// OutsideModule: no go.mod can be where the command runs (its WORKDIR
	// or a directory above): nothing was copied, added or mounted there,
	// and nothing before it cloned, unpacked or made one (go mod init) or
	// changed directory. False when one may be there.
	OutsideModule bool `json:"outside_module"`
	Span
}

// GoBuild is the result of a go build or go install.
type GoBuild struct {
	// Kind is "binary"; "check" for a build that keeps nothing (go build
	// ./... or several packages without -o, -o /dev/null); "std" for cache
	// warming (go install std); "debug" for optimisations off (-gcflags
	// with -N or -l).
	Kind string `json:"kind"`
	// Remote: every package is pkg@version, nothing of the build context.
	Remote bool `json:"remote"`
	// Output is where the binary is written, absolute; OutputDir says it
	// is the directory the binary goes into (its name is not known). ""
	// when not known.
	Output    string `json:"output"`
	OutputDir bool   `json:"output_dir"`
	// Ships: the binary reaches a runtime stage (RuntimeStages) or a last
	// export stage (files for docker build --output), listed in ShippedTo.
	Ships     bool  `json:"ships"`
	ShippedTo []int `json:"shipped_to"`
	// CGO is whether cgo is on (null: not known), and CGOReason why:
	// CGO_ENABLED, or the builder's C compiler (Go turns cgo off without
	// one).
	CGO       *bool  `json:"cgo"`
	CGOReason string `json:"cgo_reason"`
	// Static: the binary needs no C library at run time (cgo off, or
	// -extldflags -static); null when not known (netgo/osusergo tags).
	Static *bool `json:"static"`
	// Libc is the builder's C library ("glibc", "musl"), "" when unknown.
	Libc string `json:"libc"`
	// Platform says where the binary runs: "build" for the build machine
	// (a $BUILDPLATFORM stage without GOOS/GOARCH), "target" otherwise.
	Platform string `json:"platform"`
	// Race: built with the race detector (-race, on the command line or
	// in GOFLAGS). NoVCS: built with -buildvcs=false, so the binary
	// carries no revision, time or modified flag of the sources.
	Race  bool `json:"race"`
	NoVCS bool `json:"no_vcs"`
}

// Flag is one flag of a go command.
type Flag struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Ldflags is the linker flags a go build uses.
type Ldflags struct {
	Value       string   `json:"value"`
	Flags       []string `json:"flags"`
	FromGOFLAGS bool     `json:"from_goflags"`
	// Where the value's content starts (inside its quotes) and which quote
	// encloses it ("\"", "'" or "").
	ValuePos Span   `json:"value_pos"`
	Quote    string `json:"quote"`
	// FlagPos spans the whole -ldflags flag and its value.
	FlagPos Span `json:"flag_pos"`
}

// Copy is a COPY or ADD.
type Copy struct {
	Sources []string `json:"sources"`
	Dest    string   `json:"dest"`
	// DestPath is Dest made absolute against WORKDIR ("" when the WORKDIR is
	// not known); DestDir says the destination is a directory.
	DestPath  string `json:"dest_path"`
	DestDir   bool   `json:"dest_dir"`
	From      string `json:"from"`
	FromStage *int   `json:"from_stage"`
	// FromPos is where the --from value is written (exact: once, as is).
	FromPos   Span          `json:"from_pos"`
	FromImage *imageref.Ref `json:"from_image"`
	// FromImageFacts is what is known about the FromImage (null: nothing).
	FromImageFacts imagefacts.Facts `json:"from_image_facts"`
	Chown          string           `json:"chown"`
	Chmod          string           `json:"chmod"`
	Link           bool             `json:"link"`
	Parents        bool             `json:"parents"`
	Exclude        []string         `json:"exclude"`
	Heredocs       []Heredoc        `json:"heredocs"`
	// SourceKinds says what each source is, in order: "url" (http or
	// https), "git" (a Git repository), "archive" (a local file whose name
	// says ADD would unpack it: .tar, .tar.gz, .tgz...), "local" (another
	// local file or directory, or a path in the --from stage or image), or
	// "unknown" (a variable without a value, or a pattern that may match
	// an archive).
	SourceKinds []string `json:"source_kinds"`
	// DestExists: the destination is, or may well be, a directory that
	// exists before the copy: a WORKDIR, a directory an earlier COPY or
	// ADD wrote into, a standard directory of a base image other than
	// scratch (/usr/local/bin, /etc...), or a path an earlier RUN names
	// (mkdir -p /out, DESTDIR=/out). False says nothing is known of it.
	DestExists bool `json:"dest_exists"`
	// Checksum is ADD --checksum ("" when not given); Unpack is ADD
	// --unpack (null when not given).
	Checksum string `json:"checksum"`
	Unpack   *bool  `json:"unpack"`
}

// Healthcheck is a HEALTHCHECK.
type Healthcheck struct {
	None          bool     `json:"none"`
	Interval      string   `json:"interval"`
	Timeout       string   `json:"timeout"`
	StartPeriod   string   `json:"start_period"`
	StartInterval string   `json:"start_interval"`
	Retries       int      `json:"retries"`
	Form          string   `json:"form"`
	Test          []string `json:"test"`
}

// User is a USER.
type User struct {
	Name  string `json:"name"`
	Group string `json:"group"`
	UID   *int   `json:"uid"`
	GID   *int   `json:"gid"`
	Root  bool   `json:"root"`
}

// Port is one EXPOSE entry.
type Port struct {
	Port     string `json:"port"`
	Protocol string `json:"protocol"`
}
