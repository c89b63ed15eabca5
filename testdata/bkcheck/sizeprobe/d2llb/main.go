// Command d2llb runs dockerfile2llb.DockerfileLint with a local-only image
// resolver.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	digest "github.com/opencontainers/go-digest"
)

type res struct{}

func (res) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte("{}"), nil
}

func main() {
	dt, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	r, err := dockerfile2llb.DockerfileLint(context.Background(), dt, dockerfile2llb.ConvertOpt{MetaResolver: res{}})
	if err != nil {
		panic(err)
	}
	for _, w := range r.Warnings {
		fmt.Println(w.RuleName, w.Detail, w.Location.Ranges[0].Start.Line)
	}
	if r.Error != nil {
		fmt.Println("error:", r.Error.Message)
	}
}
