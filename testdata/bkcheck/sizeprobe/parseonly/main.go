// Command parseonly parses a Dockerfile with BuildKit's parser and
// instructions packages only: the size baseline for pkg/bkcheck.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
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
	stages, _, err := instructions.Parse(res.AST, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(stages))
}
