package document

import (
	"fmt"
	"slices"
	"testing"
)

func TestUndeclaredPlatformArgs(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		// want is stage 0's list, as "instruction:NAME,NAME".
		want []string
	}{
		{"RUN uses TARGETARCH without ARG", `FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build
ARG TARGETOS
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
`, []string{"1:TARGETARCH"}},
		{"two names, sorted", `FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build
RUN GOOS=${TARGETOS} GOARCH=${TARGETARCH} go build -o /out/app .
`, []string{"0:TARGETARCH,TARGETOS"}},
		{"declared", `FROM --platform=$BUILDPLATFORM golang:1.27-alpine AS build
ARG TARGETOS TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
`, nil},
		{"ENV, COPY and WORKDIR text", `FROM alpine:3.22
ENV GOARCH=${TARGETARCH:-amd64}
COPY bin/app-$TARGETARCH /usr/local/bin/app
WORKDIR /src/$BUILDPLATFORM
LABEL arch=TARGETARCH
`, []string{"0:TARGETARCH", "1:TARGETARCH", "2:BUILDPLATFORM"}},
		{"a longer name is another variable", `FROM alpine:3.22
ENV A=$TARGETARCHIVE
RUN echo "$TARGETOSX"
`, nil},
		{"set by the RUN itself", `FROM golang:1.27-alpine AS build
RUN export TARGETARCH=arm64 && go build -o /out/app .
RUN TARGETOS=linux; echo $TARGETOS
RUN for TARGETARCH in amd64 arm64; do GOARCH=$TARGETARCH go build -o /out/app-$TARGETARCH .; done
`, nil},
		{"declared in the parent stage", `FROM golang:1.27-alpine AS base
ARG TARGETOS TARGETARCH
FROM base AS build
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .
`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := build(t, tc.src, Options{})
			var got []string
			s := d.Stages[len(d.Stages)-1]
			for _, u := range s.UndeclaredPlatformArgs {
				names := ""
				for k, n := range u.Names {
					if k > 0 {
						names += ","
					}
					names += n
				}
				got = append(got, fmt.Sprintf("%d:%s", u.Instruction, names))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("undeclared_platform_args = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestStageJSONInvalid(t *testing.T) {
	d := build(t, `FROM alpine:3.22 AS build
RUN [ -f go.sum ] && echo modules
COPY ['go.mod', 'go.sum'] ./
RUN ["go", "build", "-o", "/out/app", "."]

FROM scratch
COPY --from=build /out/app /app
HEALTHCHECK CMD [ "/app", "health" ] || exit 1
ENTRYPOINT [/app, serve]
`, Options{})
	if got := fmt.Sprint(d.Stages[0].JSONInvalid); got != "[1]" {
		t.Errorf("stage 0 json_invalid = %s, want [1] (COPY ['go.mod', ...])", got)
	}
	if got := fmt.Sprint(d.Stages[1].JSONInvalid); got != "[1 2]" {
		t.Errorf("stage 1 json_invalid = %s, want [1 2] (HEALTHCHECK ... || exit 1, ENTRYPOINT [/app, serve])", got)
	}
	for _, s := range d.Stages {
		for j, i := range s.Instructions {
			if i.JSONInvalid != slices.Contains(s.JSONInvalid, j) {
				t.Errorf("stage %d instruction %d (%s): json_invalid %v, not so listed", s.Index, j, i.Original, i.JSONInvalid)
			}
		}
	}
}

func TestCommandsByName(t *testing.T) {
	d := build(t, `FROM debian:bookworm-slim
COPY app /usr/local/bin/app
RUN sudo apt-get update && sudo apt-get install -y curl
RUN useradd -u 123456 app; cd /tmp && useradd -r svc
`, Options{})
	s := d.Stages[0]
	want := map[string]string{
		"sudo":    "[{1 0} {1 1}]",
		"useradd": "[{2 0} {2 2}]",
		"cd":      "[{2 1}]",
	}
	for name, w := range want {
		if got := fmt.Sprint(s.CommandsByName[name]); got != w {
			t.Errorf("commands_by_name[%q] = %s, want %s", name, got, w)
		}
	}
	if _, ok := s.CommandsByName["apt-get"]; ok {
		t.Errorf("apt-get run by sudo is listed under its own name: %v", s.CommandsByName)
	}
	for name, refs := range s.CommandsByName {
		for _, r := range refs {
			if c := s.Instructions[r.Instruction].Run.Commands[r.Command]; c.Name != name {
				t.Errorf("commands_by_name[%q] points at %q", name, c.Name)
			}
		}
	}
}

func TestPackageUnpinned(t *testing.T) {
	d := build(t, `FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311 curl ./vendor/tool.deb tzdata
FROM alpine:3.22
RUN apk add --no-cache git~=2.49 make
RUN apk add --no-cache "bash=5.2.37-r0"
`, Options{})
	for _, tc := range []struct {
		stage, instr, pc int
		want             string
	}{
		{0, 0, 0, "[]"}, // apt-get update
		{0, 0, 1, "[curl tzdata]"},
		{1, 0, 0, "[make]"},
		{1, 1, 0, "[]"},
	} {
		pc := d.Stages[tc.stage].Instructions[tc.instr].Run.PackageCommands[tc.pc]
		if got := fmt.Sprint(pc.Unpinned); got != tc.want {
			t.Errorf("stage %d RUN %d, %s %s: unpinned = %s, want %s", tc.stage, tc.instr, pc.Manager, pc.Verb, got, tc.want)
		}
	}
}
