// Command gen writes pkg/builtin's generated files (go generate ./pkg/builtin).
package main

import (
	"fmt"
	"os"

	"github.com/golint-docker/golint-docker/pkg/builtin"
)

func main() {
	files, err := builtin.Generate()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	for name, data := range files {
		tmp := name + ".tmp"
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		if err := os.Rename(tmp, name); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}
