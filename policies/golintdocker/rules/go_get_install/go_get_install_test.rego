package golintdocker.tests.go_get_install

import data.golintdocker.rules.go_get_install

doc(version, g) := {"stages": [{
	"index": 0, "root": 0, "go_version": version, "from": {"image": sprintf("golang:%s", [version]), "scratch": false},
	"instructions": [{"index": 0, "cmd": "run", "line": 4, "end_line": 4, "run": {"go": [g], "commands": []}}],
}]}

get(pkgs) := {"subcommand": "get", "packages": pkgs, "unknown": [], "env": {}, "outside_module": true, "line": 4, "end_line": 4}

findings(version, g) := fs if {
	fs := go_get_install.deny with input as doc(version, g)
}

test_tool_on_current_go_fires if {
	some f in findings("1.22", get(["github.com/nats-io/nsc"]))
	contains(f.msg, "`go get github.com/nats-io/nsc` on line 4 runs outside a module on golang:1.22 (Go 1.22)")
	f.fix == "Install it with `go install github.com/nats-io/nsc@<version>` (with a release, not @latest)."
}

test_floating_tag_fires if {
	count(findings("latest", get(["-u", "github.com/mitchellh/gox"]))) == 1
}

test_old_go_is_quiet if {
	count(findings("1.16", get(["github.com/mitchellh/gox"]))) == 0
	count(findings("", get(["github.com/mitchellh/gox"]))) == 0
}

test_in_a_module_or_gopath_mode_is_quiet if {
	count(findings("1.22", object.union(get(["github.com/a/b"]), {"outside_module": false}))) == 0
	count(findings("1.22", object.union(get(["github.com/a/b"]), {"env": {"GO111MODULE": "off"}}))) == 0
}

test_local_packages_are_quiet if {
	count(findings("1.22", get(["./...", "."]))) == 0
}
