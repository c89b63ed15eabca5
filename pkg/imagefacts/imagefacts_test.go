package imagefacts

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/imageref"
)

// shipped is the catalogue of the data files the rules ship.
func shipped(t *testing.T) *Catalog {
	t.Helper()
	gd := map[string]any{}
	for _, name := range []string{"images", "packages"} {
		raw, err := os.ReadFile(filepath.Join("..", "..", "policies", "golintdocker", name, "data.json"))
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s/data.json: %v", name, err)
		}
		gd[name] = v
	}
	c, err := New(gd)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestImage(t *testing.T) {
	c := shipped(t)
	for _, tc := range []struct {
		ref, id string
	}{
		{"golang:1.27-alpine", "golang-alpine"},
		{"golang:1.27", "golang-debian"},
		{"golang", "golang-debian"},
		{"docker.io/library/golang:1.26.6@sha256:640a234f4bea3e399c056b7b8f9c667c4939befae8db2f14e9785e16eccd4205", "golang-debian"},
		{"mirror.gcr.io/library/alpine:3", "alpine"},
		{"public.ecr.aws/docker/library/alpine:3.20", "alpine"},
		{"scratch", "scratch"},
		{"gcr.io/distroless/static-debian12:nonroot", "distroless-static-nonroot"},
		{"gcr.io/distroless/static", "distroless-static"},
		{"gcr.io/distroless/base-debian12:debug", "distroless-base-debug"},
		{"gcr.io/distroless/static-debian12:debug", "distroless-debug"},
		{"ubuntu:16.04", "ubuntu-old"},
		{"ubuntu:24.04", "ubuntu"},
		{"golang:1.26-windowsservercore-ltsc2022", "golang-windows"},
		{"python:3.11-slim", "python-slim"},
		{"busybox", "busybox"},
		{"busybox:1.36-musl", "busybox-musl"},
		{"quay.io/someone/thing:1", ""},
		{"$BASE", ""},
	} {
		got := c.Image(imageref.Parse(tc.ref))
		id := ""
		if got != nil {
			id = got.String("id")
		}
		if id != tc.id {
			t.Errorf("Image(%q) = %q, want %q", tc.ref, id, tc.id)
		}
	}
}

func TestFacts(t *testing.T) {
	c := shipped(t)
	f := c.Image(imageref.Parse("golang:1.27-alpine"))
	if v, ok := f.Bool("c_compiler"); !ok || v {
		t.Errorf("golang:alpine c_compiler = %v, %v; want false, known", v, ok)
	}
	if f.String("libc") != "musl" {
		t.Errorf("golang:alpine libc = %q", f.String("libc"))
	}
	if _, ok := c.Image(imageref.Parse("golang:1.27")).Bool("tzdata"); ok {
		t.Error("golang (Debian) tzdata should be unknown")
	}
	if v, _ := c.Image(imageref.Parse("ubuntu:16.04")).Bool("tzdata"); !v {
		t.Error("ubuntu:16.04 ships tzdata")
	}
	if f := c.Image(imageref.Parse("gcr.io/distroless/base-debian12:debug")); f.String("libc") != "glibc" {
		t.Errorf("distroless base :debug libc = %q, want glibc", f.String("libc"))
	}
}

func TestBrings(t *testing.T) {
	c := shipped(t)
	for _, tc := range []struct {
		pkg        string
		recommends bool
		want       []string
	}{
		{"curl", true, []string{"ca_certs"}},
		{"curl", false, nil},
		{"wget", true, []string{"ca_certs"}},
		{"git", true, []string{"ca_certs"}},
		{"openjdk-17-jre-headless", false, []string{"ca_certs"}},
		{"software-properties-common", false, []string{"ca_certs"}},
		{"ca-certificates", false, []string{"ca_certs"}},
		{"tzdata", false, []string{"tzdata"}},
		{"make", true, nil},
	} {
		if got := c.Brings(tc.pkg, tc.recommends); !slices.Equal(got, tc.want) {
			t.Errorf("Brings(%q, %v) = %v, want %v", tc.pkg, tc.recommends, got, tc.want)
		}
	}
}

func TestOverride(t *testing.T) {
	c, err := New(map[string]any{"images": map[string]any{
		"acme-base": map[string]any{"match": []any{"registry.acme.io/base:*"}, "priority": 10.0, "user": "1000", "libc": "glibc"},
		"acme-any":  map[string]any{"match": []any{"registry.acme.io/*:*"}, "priority": 5.0, "user": "0"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Image(imageref.Parse("registry.acme.io/base:2")).String("user"); got != "1000" {
		t.Errorf("priority: user = %q, want 1000", got)
	}
	if got := c.Image(imageref.Parse("registry.acme.io/other:2")).String("user"); got != "0" {
		t.Errorf("user = %q, want 0", got)
	}
}

func TestBadData(t *testing.T) {
	for _, gd := range []map[string]any{
		{"images": []any{}},
		{"images": map[string]any{"x": map[string]any{"match": "golang:*"}}},
		{"images": map[string]any{"x": map[string]any{"match": []any{"golang:[*"}}}},
		{"packages": map[string]any{"curl": map[string]any{"ca_certs": "maybe"}}},
	} {
		if _, err := New(gd); err == nil {
			t.Errorf("New(%v): no error", gd)
		}
	}
}
