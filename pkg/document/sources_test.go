package document

import (
	"fmt"
	"strings"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/imageref"
)

func TestCopiesContextGoMod(t *testing.T) {
	for src, want := range map[string]bool{
		// The whole context.
		".": true, "./": true, "*": true, "./*": true,
		// go.mod, or a base name pattern of * and ? that matches it; * stops
		// at a dot, ** does not (as glob.match with its default delimiter).
		"go.mod": true, "./go.mod": true, "src/go.mod": true, "go.*": true, "*.mod": true,
		"go.mo?": true, "?o.mod": true, "*.*": true, "**": true, "g**": true, "go.**": true,
		"g*": false, "go*": false, "*mod": false, "go?mod": false, "*o*": false,
		// Not go.mod, or not a pattern to guess at (classes, escapes).
		"go.mod.bak": false, "GO.MOD": false, "go.sum": false, "cmd/": false, "internal/": false,
		"src/": false, "": false, "/": false, "go.[mod": false, "go.mo[d]": false, `go\.mod`: false,
		"go.{mod,sum}": false, "https://github.com/containers/dnsname.git#v1.3.1": false,
	} {
		if got := copiesContextGoMod(src); got != want {
			t.Errorf("copiesContextGoMod(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestRunContextGoMod(t *testing.T) {
	// Each RUN says on its line whether it sees the context's go.mod.
	src := `FROM golang:1.27 AS base
WORKDIR /src
RUN go version # false: nothing copied yet
COPY go.mod go.sum ./
RUN go mod download # true
FROM base AS build
RUN go build ./cmd/api # true: copied in the stage it is built on
FROM build AS test
RUN go test ./... # true: two stages up
FROM golang:1.27 AS other
RUN go build . # false
COPY --from=base /src/go.mod ./
ADD https://github.com/containers/dnsname.git#v1.3.1 /dnsname
COPY cmd/ internal/ ./
COPY go.[mod] go.mod.bak ./
RUN go build ./... # false: from another stage, a repository, not go.mod
RUN --mount=type=bind,from=base,target=. go build . # false: another stage
RUN --mount=type=cache,target=/go/pkg/mod go build . # false
RUN --mount=type=bind,target=. go build . # true: the context mounted
RUN --mount=target=. go build . # true: bind is the default type
RUN go build . # false: the mount was the RUN's own
COPY go.* ./
RUN go build . # true
FROM golang:1.27 AS late
RUN go build . # false: copied after it
COPY . .
FROM golang:1.27 AS whole
ADD ./* /src/
RUN go build . # true
`
	d := build(t, src, Options{})
	n := 0
	for _, s := range d.Stages {
		for _, in := range s.Instructions {
			if in.Run == nil {
				continue
			}
			n++
			_, comment, _ := strings.Cut(in.Original, "# ")
			want := strings.HasPrefix(comment, "true")
			if in.Run.ContextGoMod != want {
				t.Errorf("line %d %q: context_go_mod = %v, want %v", in.Line, in.Original, in.Run.ContextGoMod, want)
			}
		}
	}
	if n != 14 {
		t.Errorf("checked %d RUNs, want 14", n)
	}
}

func TestMountFromImage(t *testing.T) {
	const sha = "sha256:4c8d6e7bbb5a4fc6e1cc4cb20ff4f1e4bfa7e47fe8c0b0e4a3e3b3f5c6d7e8f9"
	ref := func(name, registry, repository, tag, digest string) *imageref.Ref {
		return &imageref.Ref{Name: name, Registry: registry, Repository: repository, Tag: tag, Digest: digest}
	}
	for _, tc := range []struct {
		from string
		want *imageref.Ref // nil: no image
	}{
		{"alpine", ref("alpine", "docker.io", "library/alpine", "", "")},
		{"argocd-base:latest", ref("argocd-base", "docker.io", "library/argocd-base", "latest", "")},
		{"library/golang:1.27@" + sha, ref("golang", "docker.io", "library/golang", "1.27", sha)},
		{"docker.io/busybox", ref("busybox", "docker.io", "library/busybox", "", "")},
		{"index.docker.io/library/node:22", ref("node", "docker.io", "library/node", "22", "")},
		{"gitpod/workspace-python", ref("gitpod/workspace-python", "docker.io", "gitpod/workspace-python", "", "")},
		{"ghcr.io/acme/protos:v1", ref("ghcr.io/acme/protos", "ghcr.io", "acme/protos", "v1", "")},
		{"localhost:5000/tools", ref("localhost:5000/tools", "localhost:5000", "tools", "", "")},
		{"builder", nil}, // a stage
		{"0", nil},       // a stage by number
		{"7", nil},       // a number that names no stage is no image either
	} {
		src := fmt.Sprintf("FROM alpine:3.22 AS builder\nFROM alpine:3.22\nRUN --mount=type=bind,from=%s,target=/t true\nCOPY --from=%s /x /x\n", tc.from, tc.from)
		d := build(t, src, Options{})
		ins := d.Stages[1].Instructions
		m := ins[0].Run.Mounts[0]
		switch {
		case tc.want == nil && m.FromImage != nil:
			t.Errorf("from=%s: from_image = %+v, want null", tc.from, *m.FromImage)
		case tc.want != nil && (m.FromImage == nil || *m.FromImage != *tc.want):
			t.Errorf("from=%s: from_image = %+v, want %+v", tc.from, m.FromImage, *tc.want)
		}
		// The same split as COPY --from.
		if c := ins[1].Copy; (c.FromImage == nil) != (m.FromImage == nil) {
			t.Errorf("from=%s: copy.from_image %+v, mount.from_image %+v", tc.from, c.FromImage, m.FromImage)
		} else if c.FromImage != nil && *c.FromImage != *m.FromImage {
			t.Errorf("from=%s: copy.from_image %+v != mount.from_image %+v", tc.from, *c.FromImage, *m.FromImage)
		}
	}
}
