package document

import (
	"fmt"
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
