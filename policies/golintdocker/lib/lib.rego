# METADATA
# title: golint-docker rule helpers
# description: |
#   Small shared helpers over the input document: stage chains, facts about
#   base images (from data.golintdocker.images), the go commands that build
#   what ships, and edit builders for fixes.
# scope: package
package golintdocker.lib

# The stage the image is built from (the last one, or --target).
final := input.stages[input.final_stage]

# Stages whose output ends up in the final image, directly or through COPY --from.
shipping_stages contains s if {
	some s in input.stages
	s.used_by_final
}

# A stage and the stages it is built on: everything in its filesystem.
chain(s) := [input.stages[i] | some i in array.concat([s.index], s.parents)]

# The base image at the bottom of a stage's chain.
base(s) := input.stages[s.root].from

# The base image as name:tag, the form image patterns match.
ref_string(from) := sprintf("%s:%s", [from.name, tag]) if {
	from.tag != ""
	tag := from.tag
} else := sprintf("%s:latest", [from.name])

# Facts about the image a stage is built on; {} when nothing is known.
facts(s) := image_facts(base(s))

image_facts(from) := data.golintdocker.images[best[1]] if {
	candidates := {[p, key] |
		some key, img in data.golintdocker.images
		some pattern in img.match
		glob.match(pattern, ["/"], ref_string(from))
		p := object.get(img, "priority", 0)
	}
	count(candidates) > 0
	best := max(candidates)
} else := {}

# Known true / known false: unknown images never trigger a rule.
has_fact(s, name) if facts(s)[name] == true

lacks_fact(s, name) if facts(s)[name] == false

# Display name of a stage's base: "golang:1.26-alpine", "scratch".
base_name(s) := "scratch" if {
	base(s).scratch
} else := base(s).image

# How to refer to a stage in a message.
stage_label(s) := sprintf("stage %q", [s.name]) if {
	s.name != ""
} else := sprintf("stage %d", [s.index])

# The Dockerfile builds Go: a go command or a Go toolchain image.
is_go if {
	some s in input.stages
	some i in s.instructions
	count(i.run.go) > 0
}

is_go if {
	some s in input.stages
	has_fact(s, "go_toolchain")
}

# go commands that produce a binary.
builds_binary(g) if g.subcommand in {"build", "install"}

# A package manager installs pkg somewhere in the chain of stage s.
installs(s, pkg) if {
	some st in chain(s)
	some i in st.instructions
	some c in i.run.commands
	installer(c)
	some arg in c.argv
	package_matches(arg, pkg)
}

installer(c) if {
	c.name == "apk"
	"add" in c.argv
}

installer(c) if {
	c.name in {"apt-get", "apt", "yum", "dnf", "microdnf", "zypper"}
	"install" in c.argv
}

package_matches(arg, pkg) if arg == pkg

# apt-get install tzdata=2024a-0+deb12u1, apk add tzdata~=2024
package_matches(arg, pkg) if regex.match(sprintf(`^%s([=~<>].*)?$`, [pkg]), arg)

# Some COPY/ADD in the chain of stage s writes at or under dir (or copies a
# whole tree onto /, which may include it).
copies_into(s, dir) if {
	some st in chain(s)
	some i in st.instructions
	p := i.copy.dest_path
	path_within(p, dir)
}

copies_into(s, _) if {
	some st in chain(s)
	some i in st.instructions
	i.copy.dest_path == "/"
	i.copy.from_stage != null
}

# p is dir or something under it, or a parent of it (copying /etc/ssl covers
# /etc/ssl/certs).
path_within(p, dir) if p == dir

path_within(p, dir) if startswith(p, concat("", [dir, "/"]))

path_within(p, dir) if startswith(dir, concat("", [p, "/"]))

# The value of a variable in an instruction's environment, if set.
env_value(i, name) := v if {
	v := i.env[name]
	v != null
}

# Edits. Columns are 1-based bytes; column 0 and end_column 0 mean the whole
# line(s).
insert_at(pos, text) := {
	"line": pos.line, "column": pos.column,
	"end_line": pos.line, "end_column": pos.column,
	"text": text,
}

replace_span(span, text) := {
	"line": span.line, "column": span.column,
	"end_line": span.end_line, "end_column": span.end_column,
	"text": text,
}

replace_lines(i, text) := {
	"line": i.line, "column": 0,
	"end_line": i.end_line, "end_column": 0,
	"text": text,
}
