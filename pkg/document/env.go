package document

import (
	"maps"
	"slices"
)

// vars is the variable scope of one point in a stage: build args declared in
// the stage and ENV values, ENV winning over ARG of the same name as in
// BuildKit. The merged view is cached and shared by every instruction until
// the next ENV or ARG, so a file of many instructions does not copy the
// environment for each one.
type vars struct {
	args   map[string]*string
	envs   map[string]string
	merged map[string]*string
}

func newVars() *vars {
	return &vars{args: map[string]*string{}, envs: map[string]string{}}
}

// inherit starts a stage on top of a parent stage. ENV carries over, and so
// do the parent's ARGs: BuildKit adds their values to the build state, which
// the child stage starts from.
func (v *vars) inherit() *vars {
	return &vars{args: maps.Clone(v.args), envs: maps.Clone(v.envs)}
}

func (v *vars) setArg(k string, val *string) {
	v.args[k] = val
	v.merged = nil
}

func (v *vars) setEnv(k, val string) {
	v.envs[k] = val
	v.merged = nil
}

// view returns the merged environment; callers must not modify it.
func (v *vars) view() map[string]*string {
	if v.merged == nil {
		m := make(map[string]*string, len(v.args)+len(v.envs))
		maps.Copy(m, v.args)
		for k, val := range v.envs {
			m[k] = &val
		}
		v.merged = m
	}
	return v.merged
}

// Get and Keys make vars a shell.EnvGetter for BuildKit's word expansion;
// a declared ARG without a value counts as unset.
func (v *vars) Get(k string) (string, bool) {
	if val, ok := v.envs[k]; ok {
		return val, true
	}
	if p := v.args[k]; p != nil {
		return *p, true
	}
	return "", false
}

func (v *vars) Keys() []string {
	keys := slices.Collect(maps.Keys(v.view()))
	slices.Sort(keys)
	return keys
}

// mapEnv is a shell.EnvGetter over a plain map.
type mapEnv map[string]*string

func (m mapEnv) Get(k string) (string, bool) {
	if p := m[k]; p != nil {
		return *p, true
	}
	return "", false
}

func (m mapEnv) Keys() []string {
	keys := slices.Collect(maps.Keys(m))
	slices.Sort(keys)
	return keys
}
