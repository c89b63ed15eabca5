package golintdocker.tests.missing_dockerignore

import data.golintdocker.rules.missing_dockerignore

doc(context, instrs) := {"final_stage": 0, "context": context, "stages": [{"index": 0, "name": "builder", "instructions": instrs}]}

no_ignore := {"dir": "/src/svc", "dockerignore": ""}

copy(original, sources, from) := {
	"cmd": "copy", "line": 8, "end_line": 8, "original": original,
	"copy": {"sources": sources, "from": from, "heredocs": []},
}

test_copy_dot_without_dockerignore_fires if {
	some f in missing_dockerignore.deny with input as doc(no_ignore, [copy("COPY . .", ["."], "")])
	f.line == 8
	contains(f.msg, "COPY . . on line 8 copies the whole build context")
	contains(f.fix, "build context (/src/svc)")
	contains(f.fix, ".git")
	not contains(f.fix, "vendor/")
}

test_go_build_gets_the_go_entries if {
	build := {"cmd": "run", "line": 9, "end_line": 9, "run": {"go": [{"subcommand": "build"}]}}
	some f in missing_dockerignore.deny with input as doc(no_ignore, [copy("COPY . .", ["."], ""), build])
	contains(f.fix, "vendor/ (unless the build uses it)")
}

test_add_star_fires if {
	i := object.union(copy("ADD ./* /src/", ["./*"], ""), {"cmd": "add", "line": 9, "end_line": 9})
	some f in missing_dockerignore.deny with input as doc(no_ignore, [i])
	f.line == 9
}

test_dockerignore_present_is_quiet if {
	count(missing_dockerignore.deny) == 0 with input as doc({"dir": "/src/svc", "dockerignore": "/src/svc/.dockerignore"}, [copy("COPY . .", ["."], "")])
}

# A .dockerignore that cannot be read (a FIFO, a directory, too large, a
# link out of the context): its patterns are unknown, so no guess.
test_unreadable_dockerignore_is_quiet if {
	unreadable := {"dir": "/src/svc", "dockerignore": "/src/svc/.dockerignore", "dockerignore_patterns": [], "dockerignore_error": "not a regular file (a named pipe)"}
	count(missing_dockerignore.deny) == 0 with input as doc(unreadable, [copy("COPY . .", ["."], "")])
}

test_unknown_context_is_quiet if {
	count(missing_dockerignore.deny) == 0 with input as doc(null, [copy("COPY . .", ["."], "")])
}

test_copy_from_stage_and_named_files_are_quiet if {
	count(missing_dockerignore.deny) == 0 with input as doc(no_ignore, [
		copy("COPY --from=builder . /app", ["."], "builder"),
		copy("COPY go.mod go.sum ./", ["go.mod", "go.sum"], ""),
	])
}
