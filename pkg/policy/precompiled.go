package policy

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Rules compiled ahead of time: Precompile (go generate, for the built-in
// rules) runs every compiler stage and encodes the compiled modules;
// NewPrecompiled decodes them and runs only the stages that build the
// compiler's own structures from them — the module and rule trees and the
// rule and comprehension indices, which live in the compiler, not in the
// modules. Everything the other stages do is in the modules already:
// references resolved, local variables renamed (and the names they had,
// which are kept too), bodies ordered for safety, equalities and
// comprehensions rewritten. The checks ran at build time.

// precompiledStages are the stages NewPrecompiled runs.
var precompiledStages = []ast.StageID{
	// The generator of names for the variables the stages that rewrite
	// rules make (all of which ran at build time; the query compiler has
	// one of its own): it runs on the stand-ins, and the decoded modules
	// take their places after it (see NewPrecompiled).
	ast.StageInitLocalVarGen,
	ast.StageSetModuleTree,
	ast.StageSetRuleTree,
	ast.StageBuildRuleIndices,
	ast.StageBuildComprehensionIndices,
}

// Precompile compiles l's policies, with every stage and check, and
// returns them encoded for NewPrecompiled.
func Precompile(l *Loaded) ([]byte, error) {
	modules, src := map[string]*ast.Module{}, map[string][]byte{}
	for _, f := range l.Files {
		if f.Module == nil {
			return nil, fmt.Errorf("%s: not parsed", f.Path)
		}
		if !f.Test {
			modules[f.Path] = f.Module.Copy()
			src[f.Path] = f.Raw
		}
	}
	compiler := ast.NewCompiler().
		WithCapabilities(Capabilities(nil)).
		WithEnablePrintStatements(false)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, compileError(compiler.Errors)
	}
	return encodeModules(compiler.Modules, compiler.RewrittenVars, src)
}

// NewPrecompiled is New with the built-in rules as Precompile encoded
// them. src holds each built-in file's source by path (as Loaded.Files has
// them), for the texts of locations; l's built-in files are not used, and
// it needs only the rules' metadata and data when there are no others
// (Files may be empty). Custom policies in l are compiled in full, in the
// sandbox, as New does.
func NewPrecompiled(ctx context.Context, compiled []byte, src map[string][]byte, l *Loaded, opt Options) (*Engine, error) {
	return StartPrecompiled(compiled, src).Engine(ctx, l, opt)
}

// Precompiled is rules compiled at build time being decoded, from
// StartPrecompiled on, while what else an engine needs is made.
type Precompiled struct {
	done      chan struct{}
	modules   map[string]*ast.Module
	rewritten map[ast.Var]ast.Var
	// comprehensions are each module's rules that hold a comprehension.
	comprehensions map[string][]*ast.Rule
	err            error
}

// StartPrecompiled starts decoding the rules Precompile encoded (compiled,
// with src as NewPrecompiled has them) in the background: their decode is
// most of what an engine costs to make, and the rules' data, which the
// caller may still be reading, is not needed for it.
func StartPrecompiled(compiled []byte, src map[string][]byte) *Precompiled {
	p := &Precompiled{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.modules, p.rewritten, p.comprehensions, p.err = decodeModules(compiled, src)
	}()
	return p
}

// Engine is NewPrecompiled with the rules p decodes; it waits for them.
// It may be called once.
func (p *Precompiled) Engine(ctx context.Context, l *Loaded, opt Options) (*Engine, error) {
	return newEngine(ctx, l, opt, func() (*ast.Compiler, error) {
		<-p.done
		modules, rewritten, comprehensions, err := p.modules, p.rewritten, p.comprehensions, p.err
		p.modules, p.comprehensions = nil, nil
		if err != nil {
			return nil, err
		}
		var skip []ast.StageID
		for _, s := range ast.AllStages() {
			if !slices.Contains(precompiledStages, s) {
				skip = append(skip, s)
			}
		}
		// Compile copies every module it is given before the first stage
		// (a third of its time, and as much memory again as the decoded
		// rules): it is given stand-ins holding only their package, and
		// the decoded modules, which nothing else holds, take their places
		// before the stages that read the rules.
		standIns := make(map[string]*ast.Module, len(modules))
		for name, m := range modules {
			standIns[name] = &ast.Module{Package: m.Package}
		}
		// modulesStage makes a stage that gives the compiler the modules
		// of, for each decoded module, the rules rules returns.
		modulesStage := func(name string, rules func(name string, m *ast.Module) []*ast.Rule) ast.CompilerStageDefinition {
			return ast.CompilerStageDefinition{
				Name:       "golint-docker/" + name,
				MetricName: "compile_stage_golint_docker_" + strings.ToLower(name),
				Stage: func(c *ast.Compiler) *ast.Error {
					for name, m := range modules {
						if r := rules(name, m); len(r) == len(m.Rules) {
							c.Modules[name] = m
						} else {
							c.Modules[name] = &ast.Module{Package: m.Package, Rules: r}
						}
					}
					return nil
				},
			}
		}
		all := func(_ string, m *ast.Module) []*ast.Rule { return m.Rules }
		// The comprehension indices are built by walking every expression
		// of every rule, and building the variable set of each (two thirds
		// of the stages' time): only the rules that hold a comprehension
		// can have one, so that stage sees modules of those rules alone,
		// the same rules, and then the modules are put back.
		withComprehensions := func(name string, _ *ast.Module) []*ast.Rule { return comprehensions[name] }
		compiler := ast.NewCompiler().
			WithCapabilities(Capabilities(nil)).
			WithEnablePrintStatements(false).
			WithSkipStages(skip...).
			WithStageAfterID(ast.StageInitLocalVarGen, modulesStage("PrecompiledModules", all)).
			WithStageAfterID(ast.StageBuildRuleIndices, modulesStage("ComprehensionRulesOnly", withComprehensions)).
			WithStageAfterID(ast.StageBuildComprehensionIndices, modulesStage("AllRules", all))
		compiler.RewrittenVars = rewritten
		compiler.Compile(standIns)
		if compiler.Failed() {
			return nil, compileError(compiler.Errors)
		}
		return compiler, nil
	})
}
