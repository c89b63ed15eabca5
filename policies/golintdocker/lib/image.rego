# Helpers about what the shipped image contains (certificates, tzdata, a
# shell, users), shared by the image-content rules GD011-GD018.
package golintdocker.lib

# The instruction a stage's Ref (user, healthcheck, entrypoint, cmd) points at.
instruction_at(ref) := input.stages[ref.stage].instructions[ref.instruction]

# How COPY --from names a stage: its name, else its index.
stage_from_name(s) := s.name if {
	s.name != ""
} else := sprintf("%d", [s.index])

# Like copies_into, but a COPY --from onto / counts as a whole tree (which may
# hold dir) only when its sources are not just go build outputs of the source
# stage: `COPY --from=build /out/server /` copies one binary, not a rootfs.
copies_into_image(s, dir) if {
	some c in chain_copies(s)
	path_within(c.dest_path, dir)
}

copies_into_image(s, _) if {
	some c in chain_copies(s)
	tree_copy(c)
}

# The COPY/ADD details (the instructions' copy) of the chain of s; for the
# final stage from the document's list of COPY/ADD.
chain_copies(s) := [i.copy |
	some [st, i] in copies
	final_chain_positions[st.index]
] if {
	s.index == final.index
} else := [i.copy |
	some st in chain(s)
	some i in st.instructions
	i.copy != false
]

tree_copy(c) if {
	c.dest_path == "/"
	c.from_stage != null
	not only_binaries(c)
}

# Every source of COPY --from c is (a directory of) go build output.
only_binaries(c) if {
	outputs := build_outputs(input.stages[c.from_stage])
	every src in c.sources {
		trim_right(src, "/") in outputs
	}
}

build_outputs(s) := {p |
	some st in chain(s)
	some i in st.instructions
	some g in i.run.go
	builds_binary(g)
	g.output != null
	p := trim_right(absolute_in(g.output, i.workdir), "/")
}

absolute_in(p, _) := p if startswith(p, "/")

absolute_in(p, wd) := concat("/", [trim_right(wd, "/"), trim_prefix(p, "./")]) if {
	not startswith(p, "/")
	wd != ""
}

# Some COPY/ADD in the chain of s writes at, under or over path before
# instruction idx of s itself (all of the parents' instructions count).
# The chain is scanned once per stage and path, not once per instruction.
copies_into_before(s, _, p) if parent_copies_into(s, p)

copies_into_before(s, idx, p) if {
	first := first_copy_into(s, p)
	first != null
	first < idx
}

# A COPY/ADD of a parent stage of s reaches p (true or false).
parent_copies_into(s, p) if {
	some st in chain(s)
	st.index != s.index
	some i in st.instructions
	copy_reaches(i.copy, p)
} else := false

# The lowest index of an instruction of s itself whose COPY/ADD reaches p,
# or null.
first_copy_into(s, p) := min(idxs) if {
	idxs := [i.index |
		some i in s.instructions
		copy_reaches(i.copy, p)
	]
	count(idxs) > 0
} else := null

copy_reaches(c, p) if path_within(c.dest_path, p)

copy_reaches(c, _) if tree_copy(c)

# A RUN of stage s (at instruction i) has the shell it needs: the image has
# one (or nothing is known), or one was copied or mounted in before it.
shell_available(s, _) if not lacks_fact(s, "shell")

shell_available(s, i) if {
	some dir in shell_dirs(i.run.shell)
	copies_into_before(s, i.index, dir)
}

shell_available(_, i) if {
	some m in i.run.mounts
	some dir in shell_dirs(i.run.shell)
	path_within(m.target, dir)
}

# Where a shell comes from: /bin, /busybox, and the SHELL's own program.
shell_dirs(shell) := {"/bin", "/busybox"} | {p | some p in array.slice(shell, 0, 1)}

# The shell-form RUN i of stage s cannot start: no /bin/sh there.
run_lacks_shell(s, i) if {
	i.cmd == "run"
	i.form == "shell"
	not windows_stage(s)
	not shell_available(s, i)
}

windows_stage(s) if facts(s).os == "windows"

# The final image has a shell for HEALTHCHECK/CMD shell form.
final_has_shell if not lacks_fact(final, "shell")

final_has_shell if {
	some dir in shell_dirs(final.shell)
	copies_into_image(final, dir)
}

# A non-final stage, earlier in the file than image s, whose filesystem has
# the file set (files.ca_certs, files.tzdata): the source for a COPY --from
# fix. Builders (used by the final image) first, then the lowest index.
files_source(s, fact) := src if {
	candidates := [[rank, st.index] |
		some st in input.stages
		st.index < s.index
		st.files[fact] == true
		rank := source_rank(st)
	]
	count(candidates) > 0
	best := min(candidates)
	src := input.stages[best[1]]
}

source_rank(s) := 0 if s.built

else := 1

# The package-manager command that installs pkg on the image of stage s.
install_command(s, pkg) := sprintf("RUN apk add --no-cache %s", [pkg]) if {
	facts(s).package_manager == "apk"
} else := sprintf("RUN apt-get update && apt-get install -y --no-install-recommends %s", [pkg]) if {
	facts(s).package_manager == "apt"
}

# A finding at the FROM line of image s.
from_finding(s, msg, fix) := {
	"msg": msg,
	"line": s.line,
	"end_line": s.from_end_line,
	"fix": fix,
}

# An edit that adds a line right after the FROM of stage s.
insert_after_from(s, text) := insert_at({"line": s.from_end_line + 1, "column": 1}, text)
