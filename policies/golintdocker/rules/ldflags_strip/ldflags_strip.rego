# METADATA
# title: go build links without -s -w
# description: |
#   Without `-ldflags="-s -w"` the linker keeps the symbol table (-s) and the
#   DWARF debug information (-w) in the binary: typically a quarter or more of
#   its size, shipped in every image and pulled on every deploy, for debug
#   data nobody reads in production (panics still print stack traces).
#   Existing linker flags such as `-X main.version=...` stay as they are.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#ldflags-strip
# custom:
#   id: GD005
#   severity: warning
#   fix_safety: safe
#   guide: "1.5"
#   since: 0.1.0
#   fix: Add `-s -w` to the build's -ldflags (keeping any `-X` settings), e.g. `go build -ldflags="-s -w" ...`.
#   bad: |
#     FROM golang:1.27-alpine AS build
#     RUN go build -ldflags="-X main.version=1.4.0" -o /app .
#   good: |
#     FROM golang:1.27-alpine AS build
#     RUN go build -ldflags="-s -w -X main.version=1.4.0" -o /app .
package golintdocker.rules.ldflags_strip

import data.golintdocker.lib.findings
import data.golintdocker.lib.gobuilds

# A shipped binary linked without -s (the symbol table) or -w (DWARF). From
# Go 1.22 -s implies -w, so a build with -s only is left alone. Debug images
# keep their symbols.
deny contains finding if {
	some [_, _, g, images] in gobuilds.shipped
	not "ldflags" in g.unknown
	not debug_only(images)
	missing := [f | some f in wanted(g.ldflags); not has_flag(g.ldflags, f)]
	count(missing) > 0
	finding := {
		"msg": message(g, missing),
		"line": g.line,
		"end_line": g.end_line,
		"fix": fix_text(g, missing),
		"edits": edits(g, missing),
	}
}

# Every image the binary ships in is a debug image.
debug_only(images) if {
	every s in images {
		s.debug
	}
}

wanted(ldflags) := ["-s"] if {
	ldflags != null
	has_flag(ldflags, "-w")
} else := [] if {
	ldflags != null
	has_flag(ldflags, "-s")
} else := ["-s", "-w"]

# -s, -s=true, and all=-s (a package pattern on the first flag) count.
has_flag(ldflags, want) if {
	some f in ldflags.flags
	regex.match(flag_patterns[want], f)
}

flag_patterns := {want: sprintf(`^([^-\s][^\s=]*=)?%s(=true)?$`, [want]) | some want in ["-s", "-w"]}

stamps(g) if {
	some f in g.ldflags.flags
	startswith(f, "-X")
}

message(g, missing) := sprintf("`go %s` on line %d has no -ldflags: the binary keeps its symbol table and DWARF debug info (no -s -w)", [g.subcommand, g.line]) if {
	g.ldflags == null
} else := sprintf("`go %s` on line %d links with -ldflags %q, without %s: the binary keeps %s; add %s next to the -X version stamping", [g.subcommand, g.line, g.ldflags.value, concat(" ", missing), what(missing), concat(" ", missing)]) if {
	stamps(g)
} else := sprintf("`go %s` on line %d links with -ldflags %q, without %s: the binary keeps %s", [g.subcommand, g.line, g.ldflags.value, concat(" ", missing), what(missing)])

what(missing) := "its symbol table and DWARF debug info" if {
	count(missing) == 2
} else := "its symbol table" if {
	missing == ["-s"]
} else := "its DWARF debug info"

fix_text(g, missing) := sprintf("Add %s to the -ldflags in GOFLAGS; GOFLAGS splits on spaces, so quote the entry: GOFLAGS=\"'-ldflags=%s'\".", [concat(" ", missing), concat(" ", array.concat(missing, [g.ldflags.value]))]) if {
	g.ldflags.from_goflags
} else := "Add `-ldflags=\"-s -w\"` to the command." if {
	g.ldflags == null
} else := sprintf("Add %s to the existing -ldflags, keeping its -X settings: `-ldflags=\"%s\"`.", [concat(" ", missing), new_value(g, missing)]) if {
	stamps(g)
} else := sprintf("Add %s to the existing -ldflags: `-ldflags=\"%s\"`.", [concat(" ", missing), new_value(g, missing)])

new_value(g, missing) := concat(" ", missing) if {
	trim_space(g.ldflags.value) == ""
} else := concat(" ", array.concat(missing, [trim_space(g.ldflags.value)]))

# No ldflags: add the flag after the subcommand.
edits(g, missing) := [findings.insert_at(g.flags_pos, ` -ldflags="-s -w"`)] if {
	g.ldflags == null
	g.flags_pos.exact
} else := [] if {
	g.ldflags == null
} else := [] if {
	g.ldflags.from_goflags
} else := [findings.insert_at(g.ldflags.value_pos, insertion(g, missing))] if {
	# Quoted value: insert the missing flags at its start.
	g.ldflags.quote in {"\"", "'"}
	g.ldflags.value_pos.exact
} else := [findings.replace_span(g.ldflags.flag_pos, sprintf(`-ldflags="%s"`, [new_value(g, missing)]))] if {
	# Unquoted value: rewrite the flag with a quoted value.
	g.ldflags.quote == ""
	g.ldflags.flag_pos.exact
	not regex.match("[\"\\\\`]", g.ldflags.value)
} else := []

insertion(g, missing) := concat(" ", missing) if {
	g.ldflags.value == ""
} else := concat("", [concat(" ", missing), " "])
