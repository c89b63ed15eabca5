//go:build bench

// Command bigfile writes a generated Dockerfile of at least N bytes (a long
// build, testgen.BigBuild) for bench/run.sh's large-file rows:
//
//	bigfile 1048576 > big.Dockerfile
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/golint-docker/golint-docker/pkg/testgen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: bigfile BYTES")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[1])
	if err != nil || n <= 0 {
		fmt.Fprintln(os.Stderr, "bigfile: BYTES must be a positive number")
		os.Exit(2)
	}
	os.Stdout.Write(testgen.BigBuild(n))
}
