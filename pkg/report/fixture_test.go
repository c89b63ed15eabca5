package report

import (
	"bytes"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// The fixture is one realistic run: three files, one with findings of every
// severity (one with edits, after a multi-byte character on its line), one
// clean, one that could not be parsed.

const (
	apiFile    = "services/api/Dockerfile"
	workerFile = "services/worker/Dockerfile"
	brokenFile = "tools/broken/Dockerfile"
)

func fixtureTool() Tool {
	return Tool{
		Name:           "golint-docker",
		Version:        "0.1.0",
		InformationURI: "https://github.com/golint-docker/golint-docker",
		Rules: []finding.Rule{
			{
				ID:          "GD002",
				Name:        "non-root-user",
				Title:       "final image runs as root",
				Description: "A container that runs as root can do anything inside it, and more if it\nescapes. Go binaries need no privileges: run them as a non-root user.",
				Severity:    finding.Warning,
				Fix:         "Add `USER 65532:65532` (or a named non-root user) to the final stage.",
				Guide:       "2.1",
				Since:       "0.1.0",
				HelpURI:     "https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#non-root-user",
				Bad:         "FROM gcr.io/distroless/static-debian12\nCOPY app /app",
				Good:        "FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 65532:65532",
				Source:      "golint-docker",
			},
			{
				ID:          "GD003",
				Name:        "base-image-digest",
				Title:       "base image not pinned to a digest",
				Description: "A tag can be moved to another image; a digest cannot.",
				Severity:    finding.Info,
				Fix:         "Pin the image: `FROM golang:1.27@sha256:<digest>`.",
				Source:      "golint-docker",
			},
			{
				ID:    "GD004",
				Name:  "cgo-disabled",
				Title: "go build without CGO_ENABLED=0 for an image without glibc",
				Description: "A Go binary built with cgo links the C library dynamically. scratch and\n" +
					"distroless static have no C library at all, and Alpine has musl rather\n" +
					"than glibc, so such a binary fails to start there.",
				Severity: finding.Error,
				Fix:      "Prefix the build with CGO_ENABLED=0 (or set ENV CGO_ENABLED=0 in the builder stage).",
				Guide:    "1.4",
				Since:    "0.1.0",
				HelpURI:  "https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#cgo-disabled",
				Bad:      "FROM golang:1.27 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app",
				Good:     "FROM golang:1.27 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app",
				Source:   "golint-docker",
			},
			{
				ID:       "GD011",
				Name:     "exec-form-entrypoint",
				Title:    "ENTRYPOINT in shell form",
				Severity: finding.Warning,
				Source:   "golint-docker",
			},
			{
				ID:          "JSONArgsRecommended",
				Name:        "json-args-recommended",
				Title:       "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
				Description: "The shell form of ENTRYPOINT and CMD runs the command under /bin/sh -c, which does not pass signals on.",
				Severity:    finding.Warning,
				HelpURI:     "https://docs.docker.com/go/dockerfile/rule/json-args-recommended/",
				Source:      "buildkit",
			},
		},
	}
}

func apiLines() []string {
	return []string{
		"# syntax=docker/dockerfile:1",
		"FROM golang:1.27 AS build",
		"WORKDIR /src",
		"COPY . .",
		`RUN echo "→ building" && go build -o /app ./cmd/api`,
		"FROM alpine:3.20",
		"COPY --from=build /app /app",
		"ENTRYPOINT /app",
	}
}

func fixtureResults() []Result {
	return []Result{
		{
			File:  apiFile,
			Lines: apiLines(),
			Findings: []finding.Finding{
				{
					RuleID: "GD003", RuleName: "base-image-digest", Title: "base image not pinned to a digest",
					Severity: finding.Info, File: apiFile, Line: 2, EndLine: 2,
					Message: "base image golang:1.27 is not pinned to a digest",
					Fix:     "Pin the image: `FROM golang:1.27@sha256:<digest>`.",
				},
				{
					RuleID: "GD004", RuleName: "cgo-disabled", Title: "go build without CGO_ENABLED=0 for an image without glibc",
					Severity: finding.Error, File: apiFile, Line: 5, EndLine: 5,
					Message: "`go build` on line 5 runs without CGO_ENABLED=0, and the final image (alpine:3.20) has no glibc: a cgo build will not start there",
					Fix:     `Prefix the command with CGO_ENABLED=0, or add ENV CGO_ENABLED=0 to stage "build".`,
					// "→" is 3 bytes and 1 UTF-16 unit: byte column 28 is UTF-16 column 26.
					Edits:       []finding.Edit{{Line: 5, Column: 28, EndLine: 5, EndColumn: 28, Text: "CGO_ENABLED=0 "}},
					Replacement: `RUN echo "→ building" && CGO_ENABLED=0 go build -o /app ./cmd/api`,
					HelpURI:     "https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#cgo-disabled",
				},
				{
					RuleID: "GD002", RuleName: "non-root-user", Title: "final image runs as root",
					Severity: finding.Warning, File: apiFile, Line: 6, EndLine: 8,
					Message: "the final stage (alpine:3.20) runs as root: it has no USER instruction",
					Fix:     "Add `USER 65532:65532` (or a named non-root user) to the final stage.",
					HelpURI: "https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#non-root-user",
				},
				{
					RuleID: "JSONArgsRecommended", RuleName: "json-args-recommended",
					Title:    "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals",
					Severity: finding.Error, File: apiFile, Line: 8, EndLine: 8,
					Message: "JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals",
					Fix:     `Write it as ENTRYPOINT ["/app"].`,
					Edits: []finding.Edit{
						{Line: 8, Column: 12, EndLine: 8, EndColumn: 16, Text: `["/app"]`},
					},
					Replacement: `ENTRYPOINT ["/app"]`,
					HelpURI:     "https://docs.docker.com/go/dockerfile/rule/json-args-recommended/",
				},
			},
		},
		{
			File:     workerFile,
			Findings: nil,
			Lines:    []string{"FROM gcr.io/distroless/static-debian12@sha256:0000", "COPY worker /worker", "USER 65532:65532", `ENTRYPOINT ["/worker"]`},
			Notes:    []string{"BuildKit's checks skipped: 5001 instructions, over the 5000 they handle in reasonable time"},
		},
		{
			File: brokenFile,
			Err:  &FileError{File: brokenFile, Line: 4, Msg: "unknown instruction: FORM (did you mean FROM?)"},
		},
	}
}

func fixtureSummary() Summary {
	return Summary{
		Files:  3,
		Failed: 1,
		Findings: map[finding.Severity]int{
			finding.Error:   2,
			finding.Warning: 1,
			finding.Info:    1,
		},
	}
}

// render runs results through a format and returns what it wrote.
func render(t *testing.T, format string, tool Tool, opt Options, results []Result, sum Summary) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(format, &buf, tool, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if err := w.Write(r); err != nil {
			t.Fatalf("%s: Write: %v", format, err)
		}
	}
	if err := w.Close(sum); err != nil {
		t.Fatalf("%s: Close: %v", format, err)
	}
	return buf.Bytes()
}

func renderFixture(t *testing.T, format string) []byte {
	t.Helper()
	return render(t, format, fixtureTool(), Options{Threshold: finding.Warning}, fixtureResults(), fixtureSummary())
}
