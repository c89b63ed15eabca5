package bkcheck

import (
	"strings"
	"unicode"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// Source is the finding.Rule.Source of every BuildKit check.
const Source = "buildkit"

// checksIndexURL is BuildKit's index of its checks, the help for a check that
// has no page of its own.
const checksIndexURL = "https://docs.docker.com/reference/build-checks/"

// ruleInfo is what golint-docker knows about one BuildKit check: the rule as
// BuildKit declares it (linter/ruleset.go) and the fix golint-docker suggests.
type ruleInfo struct {
	name         string
	description  string
	url          string
	experimental bool
	deprecated   bool
	// offline is false for a check that needs the base image's metadata and
	// so never fires here.
	offline bool
	fix     string
	// note says how the check behaves without a daemon, where that differs.
	note string
	// severity is Warning (BuildKit's checks are warnings) unless set to
	// Error.
	severity finding.Severity
}

func info[F any](r *linter.LinterRule[F], fix string) ruleInfo {
	return ruleInfo{
		name:         r.Name,
		description:  r.Description,
		url:          r.URL,
		experimental: r.Experimental,
		deprecated:   r.Deprecated,
		offline:      true,
		fix:          fix,
	}
}

// ruleset lists every check of BuildKit's linter, in the order of
// frontend/dockerfile/linter/ruleset.go. TestRulesMatchBuildKit fails when
// the linked BuildKit declares a rule missing here.
var ruleset = []ruleInfo{
	info(&linter.RuleStageNameCasing, "Write the stage name in lowercase, in the FROM ... AS line and wherever it is referenced."),
	info(&linter.RuleFromAsCasing, "Write AS in the same case as FROM: `FROM image AS name` or `from image as name`."),
	info(&linter.RuleNoEmptyContinuation, "Delete the empty line inside the continued instruction, or end the instruction before it."),
	info(&linter.RuleConsistentInstructionCasing, "Write every instruction keyword in the case most of the file uses (uppercase is the convention)."),
	info(&linter.RuleDuplicateStageName, "Give each build stage a name of its own."),
	info(&linter.RuleReservedStageName, "Rename the stage: `scratch` and `context` are reserved names."),
	info(&linter.RuleJSONArgsRecommended, "Write the command in exec (JSON) form, e.g. `ENTRYPOINT [\"/app\"]`, so that the process receives signals; wrap it in `[\"/bin/sh\", \"-c\", \"...\"]` only if it needs a shell."),
	info(&linter.RuleMaintainerDeprecated, "Replace MAINTAINER with `LABEL org.opencontainers.image.authors=\"...\"`."),
	info(&linter.RuleUndefinedArgInFrom, "Declare the ARG before the first FROM (a global ARG), or fix the misspelt name."),
	info(&linter.RuleWorkdirRelativePath, "Use an absolute path in WORKDIR, e.g. `WORKDIR /src`."),
	withNote(info(&linter.RuleUndefinedVar, "Declare the variable with ARG or ENV before it is used in this stage, or fix the misspelt name."),
		"Base images are not pulled: golint-docker knows the variables of the official golang images only, so a variable that another base image defines is reported."),
	info(&linter.RuleMultipleInstructionsDisallowed, "Keep only the last CMD, ENTRYPOINT or HEALTHCHECK of the stage and delete the earlier ones, which have no effect."),
	info(&linter.RuleLegacyKeyValueFormat, "Write `KEY=value` instead of the legacy `KEY value` form."),
	{
		name:        linter.RuleInvalidBaseImagePlatform.Name,
		description: linter.RuleInvalidBaseImagePlatform.Description,
		url:         linter.RuleInvalidBaseImagePlatform.URL,
		fix:         "Use a base image published for the target platform, or pin the platform with `FROM --platform=$BUILDPLATFORM` for stages that only run build tools.",
	},
	info(&linter.RuleRedundantTargetPlatform, "Drop `--platform=$TARGETPLATFORM` from FROM: stages build for the target platform by default."),
	info(&linter.RuleSecretsUsedInArgOrEnv, "Pass secrets with `RUN --mount=type=secret` instead of ARG or ENV, which are kept in the image and its history."),
	info(&linter.RuleInvalidDefaultArgInFrom, "Give the ARG used in FROM a default that makes a valid image reference, e.g. `ARG GO_VERSION=1.23`."),
	info(&linter.RuleFromPlatformFlagConstDisallowed, "Use `--platform=$BUILDPLATFORM` or `$TARGETPLATFORM` instead of a constant platform, or name the stage after the platform it pins."),
	withNote(info(&linter.RuleCopyIgnoredFile, "Stop copying the file, or remove the pattern that excludes it from .dockerignore."),
		"Runs only when the build context's .dockerignore is known; like BuildKit, it is skipped when .dockerignore has exclusions (lines starting with !)."),
	info(&linter.RuleInvalidDefinitionDescription, "Start the comment right above the stage or ARG with its name (`# name description`), or separate an unrelated comment with an empty line."),
	info(&linter.RuleExposeProtoCasing, "Write the protocol in lowercase, e.g. `EXPOSE 8080/tcp`."),
	info(&linter.RuleExposeInvalidFormat, "Expose only the container port, e.g. `EXPOSE 8080`; publish host ports with `docker run -p` instead."),
}

func withNote(ri ruleInfo, note string) ruleInfo {
	ri.note = note
	return ri
}

// ruleByName indexes ruleset.
var ruleByName = func() map[string]*ruleInfo {
	m := make(map[string]*ruleInfo, len(ruleset))
	for i := range ruleset {
		m[ruleset[i].name] = &ruleset[i]
	}
	return m
}()

// Rules returns the documentation of every BuildKit check, in BuildKit's
// order, then of BuildError.
func Rules() []finding.Rule {
	out := make([]finding.Rule, 0, len(ruleset)+1)
	for i := range ruleset {
		out = append(out, ruleset[i].rule())
	}
	return append(out, buildErrorInfo.rule())
}

func (ri *ruleInfo) rule() finding.Rule {
	desc := ri.description
	if !strings.HasSuffix(desc, ".") {
		desc += "."
	}
	if ri.note != "" {
		desc += " " + ri.note
	}
	if ri.experimental {
		desc += " Experimental in BuildKit: it runs only when the Dockerfile enables it with `# check=experimental=" + ri.name + "` (or `experimental=all`)."
	}
	if ri.deprecated {
		desc += " Deprecated in BuildKit: it never fires."
	}
	if !ri.offline {
		desc += " Needs the base image's metadata, which golint-docker never fetches: this check does not run."
	}
	for _, t := range twinsOf(ri.name) {
		desc += " " + t.note()
	}
	sev := finding.Warning
	if ri.severity == finding.Error {
		sev = finding.Error
	}
	return finding.Rule{
		ID:          ri.name,
		Name:        kebab(ri.name),
		Title:       firstSentence(ri.description),
		Description: desc,
		Severity:    sev,
		Fix:         ri.fix,
		HelpURI:     ri.helpURI(),
		Source:      Source,
	}
}

func (ri *ruleInfo) helpURI() string {
	if ri.url != "" {
		return ri.url
	}
	return checksIndexURL
}

// kebab turns a BuildKit rule name into golint-docker's rule name:
// "JSONArgsRecommended" -> "json-args-recommended".
func kebab(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 {
			prevLower := unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || (unicode.IsUpper(rs[i-1]) && nextLower) {
				b.WriteByte('-')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// firstSentence cuts a BuildKit description after its first sentence.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i]
	}
	return strings.TrimSuffix(s, ".")
}
