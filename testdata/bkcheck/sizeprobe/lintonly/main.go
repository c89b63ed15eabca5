// Command lintonly parses a Dockerfile and runs the checks that
// instructions.Parse fires itself with a linter.Linter.
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
