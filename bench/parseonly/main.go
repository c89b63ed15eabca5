//go:build bench

// Command parseonly is the baseline of the many-files benchmark: BuildKit's
// parser.Parse and instructions.Parse over every file given (directories
// searched as golint-docker searches them), one worker per core, nothing
// else. golint-docker's throughput is compared with it.
package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"sync"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/golint-docker/golint-docker/pkg/discover"
)

func main() {
	files, problems := discover.Files(os.Args[1:])
	if len(problems) > 0 {
		fmt.Fprintln(os.Stderr, problems[0])
		os.Exit(2)
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	parsed := 0
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for f := range jobs {
				data, err := os.ReadFile(f)
				if err != nil {
					continue
				}
				res, err := parser.Parse(bytes.NewReader(data))
				if err != nil {
					continue
				}
				if _, _, err := instructions.Parse(res.AST, nil); err == nil {
					n++
				}
			}
			mu.Lock()
			parsed += n
			mu.Unlock()
		}()
	}
	for _, f := range files {
		jobs <- f.Path
	}
	close(jobs)
	wg.Wait()
	fmt.Printf("%d files, %d parsed\n", len(files), parsed)
}
