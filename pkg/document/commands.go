package document

import (
	"regexp"
	"slices"
	"strings"
	"sync"
)

// indexes lists, once the document is complete, what rules would otherwise
// find by walking every instruction or command of every stage.
func (b *builder) indexes() {
	for k := range b.doc.Stages {
		s := &b.doc.Stages[k]
		s.UndeclaredPlatformArgs = undeclaredPlatformArgs(s)
		s.JSONInvalid = []int{}
		s.CommandsByName = map[string][]CommandRef{}
		for j := range s.Instructions {
			i := &s.Instructions[j]
			if i.JSONInvalid {
				s.JSONInvalid = append(s.JSONInvalid, j)
			}
			if i.Run != nil {
				for n, c := range i.Run.Commands {
					s.CommandsByName[c.Name] = append(s.CommandsByName[c.Name], CommandRef{Instruction: j, Command: n})
				}
			}
		}
	}
}

// CommandRef points at command Command of the RUN at position Instruction
// of a stage.
type CommandRef struct {
	Instruction int `json:"instruction"`
	Command     int `json:"command"`
}

// UndeclaredArgs are the platform ARGs (TARGETARCH, BUILDPLATFORM...) that
// instruction Instruction of a stage refers to without the stage declaring
// them: BuildKit sets them for FROM lines only, so inside a stage they
// expand to an empty string unless an ARG names them.
type UndeclaredArgs struct {
	Instruction int `json:"instruction"`
	// Names are sorted.
	Names []string `json:"names"`
}

// isPlatformArg reports whether name is one of BuildKit's automatic
// platform ARGs.
func isPlatformArg(name string) bool { return slices.Contains(platformArgs, name) }

// undeclaredPlatformArgs lists, per instruction of stage s, the platform
// ARGs it refers to that are neither in its environment (an ARG of the
// stage or of a stage it is built on) nor set by the RUN itself (NAME=...,
// export NAME=..., for NAME in ...): a RUN's commands' variables; an
// ENV, ARG or LABEL value as written; a COPY, ADD or WORKDIR line.
func undeclaredPlatformArgs(s *Stage) []UndeclaredArgs {
	out := []UndeclaredArgs{}
	for k := range s.Instructions {
		i := &s.Instructions[k]
		var used []string
		switch i.Cmd {
		case "run":
			if i.Run == nil {
				continue
			}
			for _, c := range i.Run.Commands {
				for _, v := range c.Vars {
					if isPlatformArg(v) {
						used = append(used, v)
					}
				}
			}
		case "env", "arg", "label":
			for _, p := range i.Pairs {
				if p.Raw != nil {
					used = append(used, textPlatformArgs(*p.Raw)...)
				}
			}
		case "copy", "add", "workdir":
			used = textPlatformArgs(i.Original)
		}
		var names []string
		for _, v := range used {
			if _, declared := i.Env[v]; declared || slices.Contains(names, v) || assignedByRun(i, v) {
				continue
			}
			names = append(names, v)
		}
		if len(names) > 0 {
			slices.Sort(names)
			out = append(out, UndeclaredArgs{Instruction: k, Names: names})
		}
	}
	return out
}

// textPlatformArgs are the platform ARGs text expands ($NAME, ${NAME...}).
func textPlatformArgs(text string) []string {
	if !strings.Contains(text, "$") {
		return nil
	}
	var out []string
	for _, m := range varRef().FindAllStringSubmatch(text, -1) {
		if isPlatformArg(m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// assignedByRun: RUN i sets v itself, for the commands after it: an inline
// assignment, export/local/readonly/declare v=..., or a for loop over v.
func assignedByRun(i *Instruction, v string) bool {
	if i.Run == nil {
		return false
	}
	for _, c := range i.Run.Commands {
		if _, ok := c.Env[v]; ok {
			return true
		}
		switch c.Name {
		case "export", "local", "readonly", "declare":
			for _, a := range c.Argv {
				if strings.HasPrefix(a, v+"=") {
					return true
				}
			}
		}
	}
	return strings.Contains(i.Run.Script, v) && forLoops()[v].MatchString(i.Run.Script)
}

// forLoops are, by platform ARG, the patterns of a for loop over it,
// compiled once, on first use.
var forLoops = sync.OnceValue(func() map[string]*regexp.Regexp {
	m := make(map[string]*regexp.Regexp, len(platformArgs))
	for _, v := range platformArgs {
		// v is a platform ARG's name: nothing to quote.
		m[v] = regexp.MustCompile(`\bfor\s+` + v + `\s+in\b`)
	}
	return m
})
