package golintdocker.tests.final_base_full_os

import data.golintdocker.rules.final_base_full_os

debian := {"name": "debian", "tag": "12-slim", "image": "debian:12-slim", "scratch": false}

full_os := {"id": "debian", "full_os": true, "go_toolchain": false}

# A builder (stage 0) and the runtime image (stage 1, lines 5-6) on an
# image with the given facts, holding a binary built in stage 0.
doc(facts, static, instructions) := {
	"final_stage": 1,
	"runtime_stages": [1],
	"stages": [
		{
			"index": 0, "name": "build", "root": 0, "built": true, "role": "builder", "packages": [],
			"line": 1, "from_end_line": 1, "from": {"image": "golang:1.27"},
			"instructions": [{"index": 0, "cmd": "run", "line": 3, "run": {"commands": [], "go": [{"subcommand": "build", "line": 3, "build": {"static": static}}]}}],
		},
		{
			"index": 1, "name": "", "root": 1, "built": true, "final": true, "role": "runtime", "os": "linux",
			"line": 5, "from_end_line": 6, "from": debian, "image": facts, "packages": [], "instructions": instructions,
			"binaries": [{"stage": 0, "instruction": 0, "go": 0, "path": "/app"}],
		},
	],
}

test_debian_final_fires if {
	some f in final_base_full_os.deny with input as doc(full_os, true, [])
	f.line == 5
	f.end_line == 6
	contains(f.msg, "debian:12-slim")
	contains(f.fix, "scratch")
}

test_user_setup_still_fires if {
	run := {"index": 0, "cmd": "run", "line": 7, "run": {"commands": [{"name": "useradd", "argv": ["useradd", "app"]}]}}
	some f in final_base_full_os.deny with input as doc(full_os, true, [run])
	f.line == 5
}

test_distroless_final_is_quiet if {
	count(final_base_full_os.deny) == 0 with input as doc({"id": "distroless-static", "full_os": false}, true, [])
}

# A dynamically linked (cgo) binary needs glibc: distroless base has it.
test_dynamic_binary_gets_distroless_base if {
	some f in final_base_full_os.deny with input as doc(full_os, false, [])
	contains(f.fix, "distroless/base-debian12")
}

# The program uses the OS: gitea needs git and ssh there.
test_installed_packages_are_quiet if {
	d := doc(full_os, true, [])
	pkgs := {"packages": [{"name": "git", "manager": "apt", "recommends": true, "removed": false, "line": 7}]}
	count(final_base_full_os.deny) == 0 with input as object.union(d, {"stages": [d.stages[0], object.union(d.stages[1], pkgs)]})
}

test_not_go_is_quiet if {
	d := doc(full_os, true, [])
	count(final_base_full_os.deny) == 0 with input as object.union(d, {"stages": [d.stages[0], object.union(d.stages[1], {"binaries": []})]})
}

test_golang_final_left_to_single_stage_build if {
	count(final_base_full_os.deny) == 0 with input as doc({"id": "golang-debian", "full_os": true, "go_toolchain": true}, true, [])
}
