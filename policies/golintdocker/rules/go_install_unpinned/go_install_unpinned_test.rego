package golintdocker.tests.go_install_unpinned

import data.golintdocker.rules.go_install_unpinned

doc(gs) := {"stages": [{"index": 0, "built": true, "instructions": [{"index": 0, "cmd": "run", "line": 3, "end_line": 3, "run": {"go": gs, "commands": []}}]}]}

install(pkgs) := {"subcommand": "install", "packages": pkgs, "unknown": [], "env": {}, "line": 3, "end_line": 3}

findings(g) := fs if {
	fs := go_install_unpinned.deny with input as doc([g])
}

test_latest_fires if {
	some f in findings(install(["github.com/go-delve/delve/cmd/dlv@latest"]))
	f.msg == "`go install github.com/go-delve/delve/cmd/dlv@latest` on line 3 asks for @latest, not a version: each build may install a different version"
}

test_branch_and_prefix_queries_fire if {
	count(findings(install(["github.com/a/b@master", "github.com/c/d@v1", "github.com/e/f@HEAD"]))) == 3
}

test_gopath_mode_without_version_fires if {
	g := object.union(install(["github.com/mitchellh/gox"]), {"env": {"GO111MODULE": "off"}})
	some f in findings(g)
	contains(f.msg, "GOPATH mode")
}

test_versions_and_commits_are_quiet if {
	count(findings(install([
		"github.com/go-delve/delve/cmd/dlv@v1.25.0",
		"golang.org/x/tools/cmd/goimports@v0.0.0-20240101000000-abcdef123456",
		"github.com/dvyukov/go-fuzz/go-fuzz@e577bee5275c42f9a3ff598ade77fe9806191345",
		"github.com/x/y@v2.1.0+incompatible",
		"golang.org/x/tools/cmd/goimports@gopls/v0.16.0",
	]))) == 0
}

# Without a version in module mode: the local module's go.mod pins it (or
# go install fails outside a module); the local module itself.
test_module_mode_and_local_packages_are_quiet if {
	count(findings(install(["github.com/mitchellh/gox", "./cmd/api", ".", "tool"]))) == 0
}

test_unknown_version_is_quiet if {
	g := object.union(install(["github.com/a/b@${VERSION}"]), {"unknown": ["packages"]})
	count(findings(g)) == 0
}
