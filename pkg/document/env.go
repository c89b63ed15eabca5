package document

import (
	"maps"
	"slices"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
)

// EnvLimit is the number of variables up to which every instruction lists
// the complete environment. Generated Dockerfiles with thousands of ENV
// lines would otherwise make the document quadratic in their size; past the
// limit an instruction lists only the variables that can matter to it.
const EnvLimit = 128

// vars is the variable scope of one point in a stage: build args declared in
// the stage (or its parents) and ENV values, ENV winning over ARG of the same
// name as in BuildKit. The merged view is cached and shared by every
// instruction until the next ENV or ARG.
type vars struct {
	args   map[string]*string
	envs   map[string]string
	merged map[string]*string
	// goKeys are the GO* and CGO_* names set, kept so that go commands need
	// not scan the whole environment.
	goKeys map[string]bool
}

func newVars() *vars {
	return &vars{args: map[string]*string{}, envs: map[string]string{}, goKeys: map[string]bool{}}
}

// inherit starts a stage on top of a parent stage. ENV carries over, and so
// do the parent's ARGs: BuildKit adds their values to the build state, which
// the child stage starts from.
func (v *vars) inherit() *vars {
	return &vars{args: maps.Clone(v.args), envs: maps.Clone(v.envs), goKeys: maps.Clone(v.goKeys)}
}

func (v *vars) setArg(k string, val *string) {
	v.args[k] = val
	v.changed(k)
}

func (v *vars) setEnv(k, val string) {
	v.envs[k] = val
	v.changed(k)
}

func (v *vars) changed(k string) {
	v.merged = nil
	if isGoVar(k) {
		v.goKeys[k] = true
	}
}

func (v *vars) size() int {
	n := len(v.envs)
	for k := range v.args {
		if _, ok := v.envs[k]; !ok {
			n++
		}
	}
	return n
}

// view returns the merged environment, or nil when it has more than EnvLimit
// variables; callers must not modify it.
func (v *vars) view() map[string]*string {
	if v.merged == nil {
		if len(v.args)+len(v.envs) > EnvLimit && v.size() > EnvLimit {
			return nil
		}
		m := make(map[string]*string, len(v.args)+len(v.envs))
		maps.Copy(m, v.args)
		for k, val := range v.envs {
			m[k] = &val
		}
		v.merged = m
	}
	return v.merged
}

// lookup returns a variable as the document shows it: its value, nil for a
// declared ARG without one; ok is false when it is not declared.
func (v *vars) lookup(k string) (*string, bool) {
	if val, ok := v.envs[k]; ok {
		return &val, true
	}
	val, ok := v.args[k]
	return val, ok
}

// platformArgs are the automatic platform ARGs rules ask about.
var platformArgs = []string{"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT"}

var varRef = lazyre.New(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)

// relevant is the environment an instruction shows when the full one is
// over EnvLimit: the variables its text refers to, the GO*/CGO_* variables
// and the platform ARGs.
func (v *vars) relevant(text string) map[string]*string {
	m := map[string]*string{}
	add := func(k string) {
		if val, ok := v.lookup(k); ok {
			m[k] = val
		}
	}
	for k := range v.goKeys {
		add(k)
	}
	for _, k := range platformArgs {
		add(k)
	}
	if strings.Contains(text, "$") {
		for _, sm := range varRef().FindAllStringSubmatch(text, -1) {
			add(sm[1])
		}
	}
	return m
}

// Get and Keys make vars a shell.EnvGetter for BuildKit's word expansion.
// An undeclared variable expands to "" as in BuildKit; a declared ARG
// without a value (TARGETARCH, or one given only at build time) counts as
// unset, so that it stays visible as $NAME.
func (v *vars) Get(k string) (string, bool) {
	if val, ok := v.envs[k]; ok {
		return val, true
	}
	if p, ok := v.args[k]; ok {
		if p == nil {
			return "", false
		}
		return *p, true
	}
	return "", true
}

func (v *vars) Keys() []string {
	keys := slices.Collect(maps.Keys(v.args))
	for k := range v.envs {
		if _, ok := v.args[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// goEnv returns the GO*/CGO_* variables with a value.
func (v *vars) goEnv() map[string]string {
	out := make(map[string]string, len(v.goKeys))
	for k := range v.goKeys {
		if val, ok := v.lookup(k); ok && val != nil {
			out[k] = *val
		}
	}
	return out
}

// unsetGoArgs returns the GO*/CGO_* ARGs declared without a value: given
// only at build time, if at all.
func (v *vars) unsetGoArgs() []string {
	var out []string
	for k := range v.goKeys {
		if val, ok := v.lookup(k); ok && val == nil {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// keepUndeclared is vars for FROM: a variable nobody declared stays $NAME
// rather than vanishing, so that the image is visibly unresolved (BuildKit
// itself reports it, see UndefinedArgInFrom).
type keepUndeclared struct{ *vars }

func (k keepUndeclared) Get(name string) (string, bool) {
	if _, declared := k.vars.lookup(name); !declared {
		return "", false
	}
	return k.vars.Get(name)
}
