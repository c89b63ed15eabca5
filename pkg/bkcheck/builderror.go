package bkcheck

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// BuildError is the rule of an instruction BuildKit cannot build (a stage
// that copies from itself, `EXPOSE 70000`): `docker build` fails there, and
// BuildKit's checks would stop there too.
const BuildError = "BuildError"

var buildErrorInfo = ruleInfo{
	name: BuildError,
	description: "BuildKit cannot build the Dockerfile. Converting it stops at this instruction, so `docker build` (and `docker build --check`) fails there. " +
		"When the instruction defines nothing that later ones use (not FROM, ARG, ENV, SHELL or WORKDIR), golint-docker runs BuildKit's other checks on the rest of the file without it; otherwise they stop there and the message says so.",
	offline:  true,
	severity: finding.Error,
	fix:      "Fix the instruction as BuildKit's message says (`docker build --check` shows the same error).",
}

// maxStops bounds how many instructions BuildKit cannot build are stepped
// over in one file (each costs a run of the checks).
const maxStops = 3

// finding reports e, which spans lines start to end; continued says the
// checks went on without the instruction.
func (e *Error) finding(start, end int, continued bool) finding.Finding {
	msg := "BuildKit cannot build this instruction: " + e.Msg
	if continued {
		msg += "; BuildKit's other checks ran on the rest of the file without it"
	} else {
		msg += fmt.Sprintf("; BuildKit's checks stopped here, so they checked nothing after line %d", end)
	}
	ri := &buildErrorInfo
	return finding.Finding{
		RuleID:   ri.name,
		RuleName: kebab(ri.name),
		Title:    firstSentence(ri.description),
		Severity: finding.Error,
		Line:     start,
		EndLine:  end,
		Message:  msg,
		Fix:      ri.fix,
		HelpURI:  ri.helpURI(),
	}
}

// Finding reports a *Error that Check returned as a BuildError finding; ok
// is false when BuildKit gave no location (nothing to point at: an empty
// file, or BuildKit itself failing).
func (e *Error) Finding() (f finding.Finding, ok bool) {
	if e.Line == 0 {
		return finding.Finding{}, false
	}
	return e.finding(e.Line, max(e.EndLine, e.Line), false), true
}

// continuePast returns data with the instruction at line blanked out (its
// lines kept, empty, so later findings keep their lines), when the checks
// can go on without it: it must not be one whose effect later instructions
// depend on.
func continuePast(data []byte, line int) (next []byte, start, end int, ok bool) {
	defer func() {
		if recover() != nil {
			next, ok = nil, false
		}
	}()
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, false
	}
	inStage := false
	for _, n := range res.AST.Children {
		cmd := strings.ToLower(n.Value)
		if cmd == "from" {
			inStage = true
		}
		if line < n.StartLine || line > n.EndLine {
			continue
		}
		switch cmd {
		case "from", "arg", "env", "shell", "workdir":
			return nil, 0, 0, false
		}
		if !inStage {
			return nil, 0, 0, false
		}
		return blankLines(data, n.StartLine, n.EndLine), n.StartLine, n.EndLine, true
	}
	return nil, 0, 0, false
}

// blankLines empties lines start to end (1-based) of data.
func blankLines(data []byte, start, end int) []byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	var out bytes.Buffer
	out.Grow(len(data))
	for i, l := range lines {
		if i+1 >= start && i+1 <= end {
			if bytes.HasSuffix(l, []byte("\n")) {
				out.WriteByte('\n')
			}
			continue
		}
		out.Write(l)
	}
	return out.Bytes()
}

// toSorted merges the findings of several runs of the checks (which repeat
// what they found before the instruction they stopped at) with the
// instructions stepped over.
func toSorted(runs, stops []finding.Finding) []finding.Finding {
	type key struct {
		rule, msg     string
		line, endLine int
	}
	seen := map[key]bool{}
	var out []finding.Finding
	for _, f := range append(runs, stops...) {
		k := key{f.RuleID, f.Message, f.Line, f.EndLine}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	finding.Sort(out)
	return out
}
