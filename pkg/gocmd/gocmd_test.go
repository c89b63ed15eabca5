package gocmd

import (
	"reflect"
	"testing"
)

func TestParseBuild(t *testing.T) {
	args := []string{"build", "-trimpath", "-ldflags", "-s -w -X main.v=1", "-tags=netgo,osusergo", "-o", "/out/app", "./cmd/app"}
	inv := Parse(args)
	if inv.Subcommand != "build" {
		t.Fatalf("subcommand %q", inv.Subcommand)
	}
	if !inv.Bool("trimpath") {
		t.Error("trimpath not seen")
	}
	ld, ok := inv.Last("ldflags")
	if !ok || ld.Value != "-s -w -X main.v=1" || ld.Arg != 2 || ld.ValueArg != 3 || ld.ValueOffset != 0 {
		t.Errorf("ldflags = %+v", ld)
	}
	tags, _ := inv.Last("tags")
	if tags.Value != "netgo,osusergo" || tags.ValueArg != 4 || tags.ValueOffset != len("-tags=") {
		t.Errorf("tags = %+v", tags)
	}
	if o, _ := inv.Last("o"); o.Value != "/out/app" {
		t.Errorf("o = %+v", o)
	}
	if !reflect.DeepEqual(inv.Args, []string{"./cmd/app"}) {
		t.Errorf("args %q", inv.Args)
	}
}

func TestParseLastFlagWins(t *testing.T) {
	inv := Parse([]string{"build", "-ldflags=-X a=b", "-ldflags", "-w", "."})
	if ld, _ := inv.Last("ldflags"); ld.Value != "-w" {
		t.Errorf("got %q", ld.Value)
	}
	if inv.Bool("trimpath") {
		t.Error("trimpath reported without the flag")
	}
	off := Parse([]string{"build", "-trimpath=false", "."})
	if off.Bool("trimpath") {
		t.Error("-trimpath=false reported as true")
	}
}

func TestParseTwoWordAndGlobalFlags(t *testing.T) {
	inv := Parse([]string{"-C", "src", "mod", "download", "-x"})
	if inv.Subcommand != "mod download" {
		t.Errorf("subcommand %q", inv.Subcommand)
	}
	if c, _ := inv.Last("C"); c.Value != "src" {
		t.Errorf("C = %+v", c)
	}
	if !inv.Bool("x") {
		t.Error("-x lost")
	}
	env := Parse([]string{"env", "-w", "CGO_ENABLED=0", "GOFLAGS=-mod=mod"})
	if env.Subcommand != "env" || !env.Bool("w") || !reflect.DeepEqual(env.Args, []string{"CGO_ENABLED=0", "GOFLAGS=-mod=mod"}) {
		t.Errorf("env = %+v", env)
	}
}

func TestSplitQuoted(t *testing.T) {
	got := SplitQuoted(`-s -w -X 'main.name=my app' -X "main.v=1"`)
	want := []string{"-s", "-w", "-X", "main.name=my app", "-X", "main.v=1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
	if got := SplitQuoted("  "); got != nil {
		t.Errorf("blank: %q", got)
	}
}
