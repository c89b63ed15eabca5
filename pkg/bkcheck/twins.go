package bkcheck

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
)

// A twin is a BuildKit check that reports a problem one of golint-docker's
// own rules reports too, with more to say (why it matters here, a fix that
// fits the file). One problem gets one finding: the rule's.
type twin struct {
	buildkit string // BuildKit's rule name
	rule     string // golint-docker's rule name
	// all: the rule covers every true case of the check, and knows better
	// where the check is wrong, so the check is never reported.
	all bool
	// same reports whether the check's finding bk and the rule's finding
	// ours are one problem; both are on overlapping lines.
	same func(bk, ours finding.Finding) bool
	// why says, for all, how the rule does better.
	why string
}

var twins = []twin{
	// BuildKit flags every stage's shell-form CMD and ENTRYPOINT,
	// shell-form-entrypoint the image's own (and says what breaks there).
	{buildkit: "JSONArgsRecommended", rule: "shell-form-entrypoint"},
	// BuildKit's name patterns also take public values (ENV GPG_KEY, the
	// fingerprint official images verify downloads with) for secrets.
	{buildkit: "SecretsUsedInArgOrEnv", rule: "secret-in-env-arg", all: true,
		why: "looks for the same names, but not for public values the check takes for secrets (ENV GPG_KEY, a key's fingerprint) or switches (DISABLE_AUTH=true), and tells an ARG default from a value passed at build time"},
	// UndefinedVar covers every variable; for the platform ARGs
	// undeclared-platform-arg says why they are empty and adds the ARG.
	{buildkit: "UndefinedVar", rule: "undeclared-platform-arg", same: samePlatformVar},
	// BuildKit stops at a stage that copies from itself and at an EXPOSE
	// it cannot read; the rules say which stage or port, and how to fix it.
	{buildkit: BuildError, rule: "copy-from-own-stage", same: messageHas("circular dependency")},
	{buildkit: BuildError, rule: "expose-invalid-port", same: messageHas("port", "invalid IP address")},
}

// twinsOf lists the rules that may report what the check buildkitRule
// reports.
func twinsOf(buildkitRule string) []*twin {
	var out []*twin
	for i := range twins {
		if twins[i].buildkit == buildkitRule {
			out = append(out, &twins[i])
		}
	}
	return out
}

// messageHas: the check's message has one of the words (in any case).
func messageHas(words ...string) func(bk, ours finding.Finding) bool {
	return func(bk, _ finding.Finding) bool {
		msg := strings.ToLower(bk.Message)
		return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(msg, strings.ToLower(w)) })
	}
}

// DropTwins returns the findings of BuildKit's checks, bk, without those
// that a finding of golint-docker's own rules, ours, already reports (see
// Rules for which checks have a twin). It runs before --ignore and inline
// suppressions are applied, so turning the rule off silences the problem
// rather than bringing its twin back.
func DropTwins(ours, bk []finding.Finding) []finding.Finding {
	out := make([]finding.Finding, 0, len(bk))
	for _, b := range bk {
		if !reported(b, ours) {
			out = append(out, b)
		}
	}
	return out
}

func reported(b finding.Finding, ours []finding.Finding) bool {
	for _, t := range twinsOf(b.RuleID) {
		if t.all {
			return true
		}
		for _, o := range ours {
			if o.RuleName != t.rule || b.Line > max(o.EndLine, o.Line) || max(b.EndLine, b.Line) < o.Line {
				continue
			}
			if t.same == nil || t.same(b, o) {
				return true
			}
		}
	}
	return false
}

// undefinedVarRE reads the variable out of UndefinedVar's message
// (linter.RuleUndefinedVar.Format).
var undefinedVarRE = lazyre.New(`^Usage of undefined variable '\$([A-Za-z_][A-Za-z0-9_]*)'`)

// samePlatformVar: UndefinedVar's variable is a platform ARG that the
// undeclared-platform-arg finding names.
func samePlatformVar(bk, ours finding.Finding) bool {
	m := undefinedVarRE().FindStringSubmatch(bk.Message)
	if m == nil || !(strings.HasPrefix(m[1], "TARGET") || strings.HasPrefix(m[1], "BUILD")) {
		return false
	}
	for _, v := range varRE().FindAllStringSubmatch(ours.Message, -1) {
		if v[1] == m[1] {
			return true
		}
	}
	return false
}

var varRE = lazyre.New(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)

// twinNote says, in the check's documentation, where its findings go.
func (t *twin) note() string {
	if t.all {
		return fmt.Sprintf("golint-docker reports this problem with its own rule %s instead, which %s: this check is not reported.", t.rule, t.why)
	}
	return fmt.Sprintf("Where golint-docker's own rule %s reports the same problem on the same line, only %s is reported.", t.rule, t.rule)
}
