package imageref

import "testing"

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Ref
	}{
		{"golang:1.26-alpine", Ref{Name: "golang", Registry: "docker.io", Repository: "library/golang", Tag: "1.26-alpine"}},
		{"gcr.io/distroless/static-debian12:nonroot", Ref{Name: "gcr.io/distroless/static-debian12", Registry: "gcr.io", Repository: "distroless/static-debian12", Tag: "nonroot"}},
		{"alpine", Ref{Name: "alpine", Registry: "docker.io", Repository: "library/alpine"}},
		{"SCRATCH", Ref{Name: "scratch", Scratch: true}},
		{"localhost:5000/team/app@sha256:" + sha, Ref{Name: "localhost:5000/team/app", Registry: "localhost:5000", Repository: "team/app", Digest: "sha256:" + sha}},
		{"bitnami/golang:1.27", Ref{Name: "bitnami/golang", Registry: "docker.io", Repository: "bitnami/golang", Tag: "1.27"}},
	} {
		if got := Parse(tc.in); got != tc.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestParseInvalidKeepsParts(t *testing.T) {
	got := Parse("golang:${GO_VERSION}-alpine")
	if got.Error == "" || got.Name != "golang" || got.Tag != "${GO_VERSION}-alpine" {
		t.Errorf("got %+v", got)
	}
	got = Parse("${REGISTRY}/app:1.0")
	if got.Error == "" || got.Name != "${REGISTRY}/app" || got.Tag != "1.0" {
		t.Errorf("got %+v", got)
	}
}

const sha = "4c8d6e7bbb5a4fc6e1cc4cb20ff4f1e4bfa7e47fe8c0b0e4a3e3b3f5c6d7e8f9"
