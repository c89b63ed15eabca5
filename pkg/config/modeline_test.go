package config

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestSchemaModeline: the README's yaml-language-server line points at the
// schema this package checks against, and a file that starts with it loads.
func TestSchemaModeline(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^# yaml-language-server: \$schema=https://raw\.githubusercontent\.com/golint-docker/golint-docker/main/(\S+)$`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no yaml-language-server line")
	}
	shipped, err := os.ReadFile("../../" + string(m[1]))
	if err != nil || string(shipped) != Schema() {
		t.Errorf("%s is not the schema the configuration is checked against (%v)", m[1], err)
	}
	cfg, err := Parse("cfg.yaml", []byte(string(m[0])+"\nignore: [GD017]\n"))
	if err != nil || strings.Join(cfg.Ignore, ",") != "GD017" {
		t.Errorf("%+v %v", cfg, err)
	}
}
