# METADATA
# title: ENTRYPOINT runs a file the final image does not have
# description: |
#   scratch and distroless start empty (or with only certificates, tzdata and
#   /etc/passwd): the program ENTRYPOINT (or CMD) runs exists only if a COPY
#   puts it there. A path that no COPY writes, as when the binary is copied
#   to /app but ENTRYPOINT says /main, builds fine and fails at start with
#   `exec /main: no such file or directory`.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#entrypoint-not-found
# custom:
#   id: GD021
#   severity: error
#   guide: "3"
#   since: 0.1.0
#   fix: Point ENTRYPOINT at the path the binary is copied to, or copy it to the path ENTRYPOINT runs.
#   bad: |
#     FROM scratch
#     COPY --from=builder /app/main /app
#     ENTRYPOINT ["/main"]
#   good: |
#     FROM scratch
#     COPY --from=builder /app/main /main
#     ENTRYPOINT ["/main"]
package golintdocker.rules.entrypoint_not_found

import data.golintdocker.lib.images
import data.golintdocker.lib.instructions
import data.golintdocker.lib.stages

deny contains finding if {
	images.final_facts.empty == true
	i := instructions.final_start
	i.form == "exec"
	not i.json_invalid
	count(i.args) > 0
	path := program_path(i.args[0], i.workdir)
	not provided(path)
	not exec_run
	finding := {
		"msg": sprintf("%s runs %s, but nothing in the final stage (%s) provides it%s", [upper(i.cmd), path, stages.base_name(stages.final), nearest_note(path)]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": fix(i, path),
	}
}

# The program as an absolute path; programs without "/" are looked up in
# PATH and left alone.
program_path(prog, _) := clean(prog) if startswith(prog, "/")

program_path(prog, workdir) := clean(concat("/", [workdir, prog])) if {
	not startswith(prog, "/")
	contains(prog, "/")
	startswith(workdir, "/")
}

# /app/./main -> /app/main; paths with .. are not resolved (undefined).
clean(p) := concat("", ["/", concat("/", segs)]) if {
	not contains(p, "..")
	segs := [x | some x in split(p, "/"); x != ""; x != "."]
}

dir(p) := d if {
	segs := split(p, "/")
	d := concat("/", array.slice(segs, 0, count(segs) - 1))
	d != ""
} else := "/"

base(p) := segs[count(segs) - 1] if segs := split(trim_right(p, "/"), "/")

copies contains c if {
	some st in stages.final_chain
	some c in st.instructions
	c.cmd in {"copy", "add"}
	c.copy != false
}

# Something in the final chain writes the path, or may write it.
provided(path) if {
	some c in copies
	c.copy.dest_path == path
}

provided(path) if {
	some c in copies
	c.copy.dest_path == dir(path)
	some src in c.copy.sources
	may_hold(src, base(path))
}

# A directory copied two or more levels above the path: we cannot see into it.
provided(path) if {
	some c in copies
	prefix := trim_right(c.copy.dest_path, "/")
	startswith(path, concat("", [prefix, "/"]))
	contains(substring(path, count(prefix) + 1, -1), "/")
}

# A destination we could not resolve (unknown WORKDIR) may be anything.
provided(_) if {
	some c in copies
	c.copy.dest_path == ""
}

may_hold(src, name) if base(src) == name

may_hold(src, _) if regex.match(`[*?\[]`, src)

may_hold(src, _) if endswith(src, "/")

may_hold(src, _) if src in {".", "./"}

# An exec-form RUN in an empty image may create the file (RUN ["/busybox", ...]).
exec_run if {
	some st in stages.final_chain
	some c in st.instructions
	c.cmd == "run"
	c.form == "exec"
}

# The COPY that most likely meant to provide the program: one whose source
# has the program's name, else the last COPY --from of something that looks
# like a binary.
nearest(path) := c if {
	named := [[c.line, c] |
		some c in copies
		some src in c.copy.sources
		base(src) == base(path)
	]
	count(named) > 0
	c := max(named)[1]
} else := c if {
	from := [[c.line, c] |
		some c in copies
		c.copy.from != ""
		some src in c.copy.sources
		binary_like(src)
	]
	count(from) > 0
	c := max(from)[1]
}

# /out/server, /go/bin/app; not certificates, zoneinfo or directories.
binary_like(src) if {
	not regex.match(`\.[A-Za-z0-9]+$`, base(src))
	not endswith(src, "/")
	not startswith(src, "/etc/")
	not startswith(src, "/usr/share/")
}

nearest_note(path) := sprintf(": %s writes %s", [c.original, written(c, path)]) if {
	c := nearest(path)
} else := ""

# Where a COPY puts the source that matters here.
written(c, path) := concat("/", [trim_right(c.copy.dest_path, "/"), base(source_of(c, path))]) if {
	c.copy.dest_dir
} else := c.copy.dest_path

# The source named like the program, else the first one.
source_of(c, path) := src if {
	named := [s | some s in c.copy.sources; base(s) == base(path)]
	count(named) > 0
	src := named[0]
} else := c.copy.sources[0]

fix(i, path) := sprintf("Make %s run %s, or copy the binary to %s: `COPY --from=%s %s %s`.", [upper(i.cmd), written(c, path), path, c.copy.from, source_of(c, path), path]) if {
	c := nearest(path)
	c.copy.from != ""
	base(source_of(c, path)) == base(path)
} else := sprintf("Make %s run %s (what line %d writes), or copy the binary it should run to %s.", [upper(i.cmd), written(c, path), c.line, path]) if {
	c := nearest(path)
} else := sprintf("Copy the binary into the final stage at %s (`COPY --from=<build stage> /path/to/binary %s`), or change %s to the path it is copied to.", [path, path, upper(i.cmd)])
