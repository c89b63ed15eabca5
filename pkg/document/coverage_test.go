package document

import (
	"fmt"
	"math"
	"reflect"
	"testing"
)

func TestPipelinesAndPipefail(t *testing.T) {
	d := build(t, `FROM debian:bookworm
RUN curl -fsSL https://example.com/install.sh | sh && echo ok
RUN set -eux -o pipefail; wget -qO- https://example.com/key | gpg --dearmor > /k.gpg
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN go list -m all | grep x
SHELL ["/bin/sh", "-c"]
RUN <<EOF
apt-get update
curl -s https://x | tar -xz
EOF
`, Options{})
	ins := d.Stages[0].Instructions
	type pipe struct {
		names    []string
		pipefail bool
		line     int
	}
	get := func(i int) []pipe {
		var out []pipe
		for _, p := range ins[i].Run.Pipelines {
			var names []string
			for _, k := range p.Commands {
				names = append(names, ins[i].Run.Commands[k].Name)
			}
			out = append(out, pipe{names, p.Pipefail, p.Line})
		}
		return out
	}
	for i, want := range map[int][]pipe{
		0: {{[]string{"curl", "sh"}, false, 2}},
		1: {{[]string{"wget", "gpg"}, true, 3}},
		3: {{[]string{"go", "grep"}, true, 5}},
		5: {{[]string{"curl", "tar"}, false, 9}},
	} {
		if got := get(i); !reflect.DeepEqual(got, want) {
			t.Errorf("instruction %d: pipes %v, want %v", i, got, want)
		}
	}
	p := ins[0].Run.Pipelines[0]
	if p.Column != 5 || p.EndColumn != len("RUN curl -fsSL https://example.com/install.sh | sh")+1 || !p.Exact {
		t.Errorf("pipe span %+v", p.Span)
	}
}

func TestPackageCommands(t *testing.T) {
	d := build(t, `FROM debian:bookworm
RUN apt-get update && apt-get install curl=7.88.1-10 git \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get -qq install --no-install-recommends ca-certificates && apt install -y jq
RUN sudo -E apt-get -o APT::Install-Recommends=false install -y make $EXTRA
RUN yes | apt-get install tzdata
RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -qy gcc ./local.deb
FROM alpine:3.22
RUN apk add --update git~2.45 curl && apk add --no-cache -t .deps make
`, Options{})
	type pc struct {
		Manager, Verb                                         string
		Yes, NoRec, NoCache, Update, Removed, UnknownPackages bool
		Packages                                              []PackageArg
	}
	var got []pc
	for _, s := range d.Stages {
		for _, in := range s.Instructions {
			for _, c := range in.Run.PackageCommands {
				got = append(got, pc{c.Manager, c.Verb, c.AssumeYes, c.NoRecommends, c.NoCache, c.Update, c.CacheRemoved, c.ArgsUnknown, c.Args})
			}
		}
	}
	want := []pc{
		{"apt-get", "update", false, false, false, false, true, false, []PackageArg{}},
		{"apt-get", "install", false, false, false, false, true, false, []PackageArg{{Name: "curl", Version: "7.88.1-10"}, {Name: "git"}}},
		{"apt-get", "install", true, true, false, false, false, false, []PackageArg{{Name: "ca-certificates"}}},
		{"apt", "install", true, false, false, false, false, false, []PackageArg{{Name: "jq"}}},
		{"apt-get", "install", true, true, false, false, false, true, []PackageArg{{Name: "make"}}},
		{"apt-get", "install", true, false, false, false, false, false, []PackageArg{{Name: "tzdata"}}},
		{"apt-get", "update", false, false, false, false, true, false, []PackageArg{}},
		{"apt-get", "install", true, false, false, false, true, false, []PackageArg{{Name: "gcc"}, {Name: "./local.deb", Local: true}}},
		{"apk", "add", true, false, false, true, false, false, []PackageArg{{Name: "git", Version: "2.45"}, {Name: "curl"}}},
		{"apk", "add", true, false, true, false, false, false, []PackageArg{{Name: "make"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("package commands:\n got %+v\nwant %+v", got, want)
	}
}

func TestAptConfigurationWrittenEarlier(t *testing.T) {
	d := build(t, `FROM debian:bookworm AS base
RUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends
FROM base
RUN apt-get install curl
FROM debian:bookworm
COPY apt.conf /etc/apt/apt.conf.d/
RUN apt-get install git
`, Options{})
	c := d.Stages[1].Instructions[0].Run.PackageCommands[0]
	if !c.NoRecommends || c.AssumeYes {
		t.Errorf("a parent stage's apt.conf.d: %+v", c)
	}
	c = d.Stages[2].Instructions[1].Run.PackageCommands[0]
	if !c.NoRecommends || !c.AssumeYes {
		t.Errorf("a copied apt configuration may say anything: %+v", c)
	}
}

func TestRunUser(t *testing.T) {
	d := build(t, `FROM golang:1.26 AS build
RUN id
USER app:app
RUN id
FROM build
RUN id
`, Options{})
	if u := d.Stages[0].Instructions[0].Run.User; u != nil {
		t.Errorf("before USER: %q", *u)
	}
	if u := d.Stages[0].Instructions[2].Run.User; str(u) != "app:app" {
		t.Errorf("after USER: %s", str(u))
	}
	if u := d.Stages[1].Instructions[0].Run.User; str(u) != "app:app" {
		t.Errorf("inherited: %s", str(u))
	}
}

func TestTopLevelCommand(t *testing.T) {
	d := build(t, "FROM alpine\nRUN cd /src && (cd sub && make) && make | tee log\n", Options{})
	var top []string
	for _, c := range d.Stages[0].Instructions[0].Run.Commands {
		if c.Top {
			top = append(top, c.Name)
		}
	}
	if !reflect.DeepEqual(top, []string{"cd"}) {
		t.Errorf("top-level commands %q", top)
	}
}

func TestSourceKinds(t *testing.T) {
	d := build(t, `FROM alpine
ARG V
ADD --checksum=sha256:abc https://example.com/tool-${V}.tar.gz /tmp/
ADD https://github.com/moby/buildkit.git#v0.20.0 /src
ADD git@github.com:acme/private.git /src2
ADD rootfs.tar.xz /
ADD config.yaml scripts/ /etc/app/
ADD *.tgz vendor/* /opt/
COPY --from=build /out/app.tar /app.tar
ADD https://example.com/tool.tar.gz /tmp/
`, Options{})
	var got [][]string
	for _, in := range d.Stages[0].Instructions[1:] {
		got = append(got, in.Copy.SourceKinds)
	}
	want := [][]string{{"url"}, {"git"}, {"git"}, {"archive"}, {"local", "local"}, {"archive", "unknown"}, {"local"}, {"url"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("source kinds %v, want %v", got, want)
	}
	if c := d.Stages[0].Instructions[1].Copy; c.Checksum != "sha256:abc" {
		t.Errorf("checksum %q", c.Checksum)
	}
}

func TestXXGo(t *testing.T) {
	d := build(t, `FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx
FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS build
COPY --from=xx / /
ARG TARGETPLATFORM
WORKDIR /src
RUN xx-go build -o /out/a ./cmd/a
RUN xx-go --wrap && go build -o /out/b ./cmd/b
RUN GOARCH=arm64 go build -o /out/c ./cmd/c
FROM --platform=$BUILDPLATFORM golang:1.26-alpine AS undeclared
COPY --from=xx / /
RUN xx-go build -o /out/d ./cmd/d
FROM scratch
COPY --from=build /out/ /
COPY --from=undeclared /out/d /
`, Options{})
	type gc struct {
		xx             bool
		goos, goarch   string
		platform, kind string
	}
	var got []gc
	for _, g := range goCommands(d) {
		got = append(got, gc{g.XX, str(g.GOOS), str(g.GOARCH), g.Build.Platform, g.Build.Kind})
	}
	want := []gc{
		{true, "$TARGETOS", "$TARGETARCH", "target", "binary"},
		{true, "$TARGETOS", "$TARGETARCH", "target", "binary"},
		// The stage's go stays wrapped; an explicit GOARCH wins.
		{true, "$TARGETOS", "arm64", "target", "binary"},
		// Without ARG TARGETPLATFORM xx-go builds for the machine it runs on.
		{true, "<nil>", "<nil>", "build", "binary"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("go commands:\n got %+v\nwant %+v", got, want)
	}
}

func TestGoVersion(t *testing.T) {
	d := build(t, `ARG GO=1.22
FROM golang:${GO}-alpine AS a
FROM a AS b
FROM mirror.gcr.io/library/golang:1.23.4-bookworm AS c
FROM golang:alpine AS d
FROM alpine:3.20 AS e
FROM golang:${UNSET} AS f
`, Options{})
	var got []string
	for _, s := range d.Stages {
		got = append(got, s.GoVersion)
	}
	if want := []string{"1.22", "1.22", "1.23.4", "latest", "", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("go versions %q, want %q", got, want)
	}
}

// from.tag_version is the release any image's tag starts with, numbers
// compared as numbers; none for a tag without one or a stage base.
func TestTagVersion(t *testing.T) {
	d := build(t, `ARG GO=1.21
FROM golang:${GO}-alpine AS a
FROM a AS b
FROM node:18.19.1-alpine AS c
FROM golang:1.9rc2 AS d
FROM golang:alpine AS e
FROM example.com/tool:007.010 AS f
FROM golang:1.99999999999999999999 AS g
`, Options{})
	var got []string
	for _, s := range d.Stages {
		if v := s.From.TagVersion; v != nil {
			got = append(got, fmt.Sprintf("%d.%d %s", v.Major, v.Minor, v.Text))
		} else {
			got = append(got, "none")
		}
	}
	want := []string{"1.21 1.21", "none", "18.19 18.19.1", "1.9 1.9", "none", "7.10 007.010", fmt.Sprintf("1.%d 1.99999999999999999999", math.MaxInt)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tag versions %q, want %q", got, want)
	}
}

// FROM rootlesskit-${TARGETOS}: the stage may be built on any stage whose
// name fits; an ARG computed from a platform ARG is not known.
func TestFromWithUnknownVariableMayNameStages(t *testing.T) {
	d := build(t, `ARG DELVE_SUPPORTED=${TARGETPLATFORM#linux/amd64}
ARG DELVE_SUPPORTED=${DELVE_SUPPORTED:+"unsupported"}
FROM golang:1.26 AS rootlesskit-linux
FROM scratch AS rootlesskit-windows
FROM rootlesskit-${TARGETOS} AS rootlesskit
FROM golang:1.26 AS delve-supported
FROM scratch AS delve-unsupported
FROM delve-${DELVE_SUPPORTED} AS delve
FROM ${BASE} AS other
`, Options{})
	if d.Args[0].Value != nil || d.Args[1].Value != nil {
		t.Errorf("ARGs computed from TARGETPLATFORM: %s, %s", str(d.Args[0].Value), str(d.Args[1].Value))
	}
	if got := d.Stages[2].DependsOn; !reflect.DeepEqual(got, []int{0, 1}) {
		t.Errorf("rootlesskit depends on %v", got)
	}
	if got := d.Stages[5].DependsOn; !reflect.DeepEqual(got, []int{3, 4}) {
		t.Errorf("delve depends on %v", got)
	}
	if got := d.Stages[6].DependsOn; len(got) != 0 {
		t.Errorf("FROM ${BASE} names any image, not every stage: %v", got)
	}
}

// go build . in a bind mount of the sources writes into the mount: nothing
// stays in the stage.
func TestBuildIntoAMountKeepsNothing(t *testing.T) {
	d := build(t, `FROM golang:1.26-alpine AS build
WORKDIR /src
RUN --mount=type=bind go build .
RUN --mount=type=cache,target=/cache go build -o /cache/app . && cp /cache/app /usr/local/bin/app
FROM alpine:3.22
COPY --from=build /src/ /usr/local/bin/ /opt/
`, Options{})
	var paths []string
	for _, b := range d.Stages[1].Binaries {
		paths = append(paths, b.Path)
	}
	if want := []string{"/opt/app"}; !reflect.DeepEqual(paths, want) {
		t.Errorf("binaries in the image %q, want %q", paths, want)
	}
}

func TestOutsideModule(t *testing.T) {
	d := build(t, `FROM golang:1.26 AS tools
RUN go get github.com/a/tool
WORKDIR /src
RUN go get github.com/b/tool && git clone https://example.com/x . && go get ./...
RUN go get github.com/c/tool
FROM golang:1.26 AS build
WORKDIR /src
RUN go get github.com/d/tool
COPY go.mod go.sum ./
RUN go get github.com/e/lib
WORKDIR /src/cmd/api
RUN go get github.com/f/lib
FROM golang:1.26 AS mounted
WORKDIR /src
RUN --mount=type=bind,target=. go get github.com/g/lib
RUN cd /tmp && go get github.com/h/tool
FROM golang:1.26 AS unknown
RUN go get github.com/i/tool
`, Options{})
	var got []bool
	for _, g := range goCommands(d) {
		got = append(got, g.OutsideModule)
	}
	// /go is the golang image's WORKDIR, which the document does not
	// know: the last one says nothing.
	want := []bool{false, true, false, false, true, false, false, false, false, false}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("outside a module: %v\n                   want %v", got, want)
	}
}

// goCommands are the go commands of d's RUNs, in order.
func goCommands(d *Document) []GoCommand {
	var out []GoCommand
	for _, s := range d.Stages {
		for _, in := range s.Instructions {
			if in.Run != nil {
				out = append(out, in.Run.Go...)
			}
		}
	}
	return out
}
