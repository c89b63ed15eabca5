package lsp

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/golint-docker/golint-docker/pkg/finding"
	"github.com/golint-docker/golint-docker/pkg/fix"
	"github.com/golint-docker/golint-docker/pkg/ruledoc"
)

// The code action kinds the server offers.
const (
	kindQuickFix = "quickfix"
	kindFixAll   = "source.fixAll.golint-docker"
)

// wants reports whether a request restricted to only accepts kind.
func wants(only []string, kind string) bool {
	if len(only) == 0 {
		return true
	}
	return slices.ContainsFunc(only, func(o string) bool { return kind == o || strings.HasPrefix(kind, o+".") })
}

// codeActions offers the fix of each finding on the requested lines
// (preferred when its rule's fix is safe), and one action that applies
// every safe fix as --fix does.
func (s *server) codeActions(ctx context.Context, p codeActionParams) (any, error) {
	d, ok := s.snapshot(ctx, p.TextDocument.URI)
	if !ok || d.err != nil || d.res.Err != nil {
		return []codeAction{}, nil
	}
	s.mu.Lock()
	utf8 := s.utf8
	s.mu.Unlock()
	first, last := p.Range.Start.Line+1, p.Range.End.Line+1
	actions := []codeAction{}
	safeLeft := false
	for _, f := range d.res.Findings {
		if len(f.Edits) == 0 {
			continue
		}
		rule, _ := s.o.Session.Rule(ctx, d.path, f.RuleID)
		safeLeft = safeLeft || rule.SafeFix()
		if f.Line > last || max(f.EndLine, f.Line) < first || !wants(p.Context.Only, kindQuickFix) {
			continue
		}
		next, err := fix.One(d.text, f)
		if err != nil {
			s.logf("%s: the fix of %s at line %d does not fit: %v", d.path, f.RuleID, f.Line, err)
			continue
		}
		title := fmt.Sprintf("Fix %s %s: %s", f.RuleID, f.RuleName, strings.TrimSuffix(firstSentence(f.Fix), "."))
		if !rule.SafeFix() {
			title += " (unsafe: changes what the image does)"
		}
		actions = append(actions, codeAction{
			Title: title, Kind: kindQuickFix, IsPreferred: rule.SafeFix(),
			Diagnostics: []diagnostic{diagnosticOf(f, d.res.Lines, utf8)},
			Edit:        &workspaceEdit{Changes: map[string][]textEdit{d.uri: {minimalEdit(d.text, next, utf8)}}},
		})
	}
	if safeLeft && wants(p.Context.Only, kindFixAll) {
		o, err := s.o.Session.Fix(ctx, d.path, d.text, false)
		if err == nil && o.Changed() {
			actions = append(actions, codeAction{
				Title: fmt.Sprintf("Fix all safe problems (golint-docker --fix: %d)", len(o.Fixed)),
				Kind:  kindFixAll,
				Edit:  &workspaceEdit{Changes: map[string][]textEdit{d.uri: {minimalEdit(d.text, o.After, utf8)}}},
			})
		}
	}
	return actions, nil
}

// firstSentence is a fix's first sentence: the action's title.
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}

// minimalEdit is one edit that turns old into new: the text between
// their common prefix and suffix, cut on whole characters and never
// inside a CR LF.
func minimalEdit(old, new []byte, utf8 bool) textEdit {
	p := 0
	for p < len(old) && p < len(new) && old[p] == new[p] {
		p++
	}
	for p > 0 && (!runeStart(old, p) || !runeStart(new, p) || (old[p-1] == '\r' && p < len(old) && old[p] == '\n')) {
		p--
	}
	sfx := 0
	for sfx < len(old)-p && sfx < len(new)-p && old[len(old)-1-sfx] == new[len(new)-1-sfx] {
		sfx++
	}
	for sfx > 0 && (!runeStart(old, len(old)-sfx) || !runeStart(new, len(new)-sfx) || (old[len(old)-sfx] == '\n' && len(old)-sfx > 0 && old[len(old)-sfx-1] == '\r')) {
		sfx--
	}
	return textEdit{
		Range:   lspRange{Start: positionAt(old, p, utf8), End: positionAt(old, len(old)-sfx, utf8)},
		NewText: string(new[p : len(new)-sfx]),
	}
}

func runeStart(b []byte, i int) bool { return i >= len(b) || utf8.RuneStart(b[i]) }

// positionAt is the LSP position of byte offset off in text.
func positionAt(text []byte, off int, utf8 bool) position {
	before := text[:off]
	line := bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	return position{Line: line, Character: column(string(text[start:off]), off-start, utf8)}
}

// hover shows the documentation of the rules reported on the line under
// the cursor, below each finding's message.
func (s *server) hover(ctx context.Context, p hoverParams) (any, error) {
	d, ok := s.snapshot(ctx, p.TextDocument.URI)
	if !ok {
		return nil, nil
	}
	line := p.Position.Line + 1
	var parts []string
	var hit []finding.Finding
	for _, f := range d.res.Findings {
		if f.Line > line || max(f.EndLine, f.Line) < line {
			continue
		}
		hit = append(hit, f)
		var b strings.Builder
		fmt.Fprintf(&b, "**%s** %s\n\n", f.RuleID, f.Message)
		if rule, ok := s.o.Session.Rule(ctx, d.path, f.RuleID); ok {
			ruledoc.Section(&b, rule)
			if rule.HelpURI != "" {
				fmt.Fprintf(&b, "[More](%s)\n", rule.HelpURI)
			}
		}
		parts = append(parts, strings.TrimSpace(b.String()))
	}
	if len(parts) == 0 {
		return nil, nil
	}
	s.mu.Lock()
	utf8 := s.utf8
	s.mu.Unlock()
	first, last := hit[0].Line, max(hit[0].EndLine, hit[0].Line)
	for _, f := range hit {
		first, last = min(first, f.Line), max(last, f.EndLine, f.Line)
	}
	r := lineRange(d.res.Lines, first, last, utf8)
	return hover{Contents: markupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: &r}, nil
}
