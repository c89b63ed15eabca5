package golintdocker.tests.go_checksum_off

import data.golintdocker.rules.go_checksum_off

doc(settings) := {"stages": [{"index": 0, "go_settings": settings}]}

set(name, value, via) := {"name": name, "value": value, "via": via, "line": 5, "end_line": 5}

msgs(settings) := {f.msg | some f in fs} if {
	fs := go_checksum_off.deny with input as doc(settings)
}

test_gosumdb_off_fires if {
	msgs([set("GOSUMDB", "off", "env")]) == {"ENV GOSUMDB=off on line 5 turns off the checksum database: modules go.sum does not list are used without any check"}
}

test_broad_patterns_fire if {
	some m in msgs([set("GONOSUMDB", "github.com/acme/*,github.com", "run")])
	contains(m, "for github.com, which covers public modules")
	count(msgs([set("GOPRIVATE", "*", "arg")])) == 1
}

test_goinsecure_and_insecure_flag_fire if {
	count(msgs([set("GOINSECURE", "git.corp.example/*", "go env -w"), set("GOFLAGS", "-mod=mod -insecure", "env")])) == 2
}

test_private_paths_and_other_settings_are_quiet if {
	count(msgs([
		set("GOPRIVATE", "github.com/acme/*,gitlab.corp.example", "env"),
		set("GONOSUMDB", "go.corp.example/*", "env"),
		set("GOSUMDB", "sum.golang.org", "env"),
		set("GOFLAGS", "-mod=vendor -trimpath", "env"),
		set("GOINSECURE", "", "env"),
		set("GOPROXY", "direct", "env"),
	])) == 0
}
