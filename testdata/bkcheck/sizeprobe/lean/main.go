// Command lean parses a Dockerfile and runs only the checks that BuildKit's
// parser and instructions.Parse fire themselves (NoEmptyContinuation via the
// parser's warnings, MaintainerDeprecated, StageNameCasing, FromAsCasing,
// InvalidDefinitionDescription): the size of the "lean path" without
// dockerfile2llb.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

func main() {
	dt, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	res, err := parser.Parse(bytes.NewReader(dt))
	if err != nil {
		panic(err)
	}
	l := linter.New(&linter.Config{Warn: func(rule, desc, url, msg string, loc []parser.Range) {
		fmt.Println(rule, msg)
	}})
	stages, _, err := instructions.Parse(res.AST, l)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(stages))
}
