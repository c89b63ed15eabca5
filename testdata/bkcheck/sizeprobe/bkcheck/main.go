// Command bkcheck runs BuildKit's checks on a Dockerfile through
// pkg/bkcheck (dockerfile2llb.DockerfileLint, offline): the size and
// start-up cost of the checks.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/golint-docker/golint-docker/pkg/bkcheck"
)

func main() {
	dt, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	fs, err := bkcheck.Check(context.Background(), os.Args[1], dt, bkcheck.Options{})
	for _, f := range fs {
		fmt.Printf("%d %s %s\n", f.Line, f.RuleID, f.Message)
	}
	if err != nil {
		fmt.Println(err)
	}
}
