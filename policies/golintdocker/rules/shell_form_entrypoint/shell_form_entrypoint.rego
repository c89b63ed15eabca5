# METADATA
# title: ENTRYPOINT or CMD in shell form
# description: |
#   Shell form (`ENTRYPOINT /app serve`) runs the program as
#   `/bin/sh -c "/app serve"`: the shell is PID 1, SIGTERM from `docker stop`
#   never reaches the Go program (no graceful shutdown, a 10 s wait, then
#   SIGKILL), and CMD arguments are ignored. scratch and distroless have no
#   /bin/sh, so there the container cannot start at all. Exec form
#   (`ENTRYPOINT ["/app", "serve"]`) runs the program directly. BuildKit's
#   JSONArgsRecommended check is not reported on the lines this rule reports.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#shell-form-entrypoint
# custom:
#   id: GD020
#   severity: warning
#   fix_safety: unsafe
#   guide: "1.11"
#   since: 0.1.0
#   fix: Use the exec (JSON) form, e.g. ENTRYPOINT ["/app", "serve"].
#   bad: |
#     FROM scratch
#     COPY --from=build /out/app /app
#     ENTRYPOINT /app serve
#   good: |
#     FROM scratch
#     COPY --from=build /out/app /app
#     ENTRYPOINT ["/app", "serve"]
package golintdocker.rules.shell_form_entrypoint

import data.golintdocker.lib.findings
import data.golintdocker.lib.images
import data.golintdocker.lib.instructions
import data.golintdocker.lib.paths
import data.golintdocker.lib.stages

deny contains finding if {
	i := instructions.final_start
	i.form == "shell"
	started
	not i.json_invalid
	text := trim_space(concat(" ", i.args))
	not exec_cmd_with_shell(i, text)
	finding := object.union(
		{
			"msg": sprintf("%s %s%s is in shell form: it runs as `%s '%s'`, %s%s", [upper(i.cmd), text, no_entrypoint_note(i), shell_prefix, text, effect(text), no_shell_note]),
			"line": i.line,
			"end_line": i.end_line,
			"severity": severity,
		},
		fix_and_edits(i, text),
	)
}

# The image is one that is started and stopped as a service: a runtime or
# dev image, or a parser fixture read as written. A CI check or toolchain
# stage (`CMD cmp generated.go committed.go`) exits on its own.
started if stages.final.role in {"runtime", "dev"}

started if input.fixture

# `CMD exec prog` hands PID 1 to the program (so it gets the signals), and
# CMD has no arguments to lose: where there is a shell, nothing is wrong.
exec_cmd_with_shell(i, text) if {
	i.cmd == "cmd"
	startswith(text, "exec ")
	not no_shell
}

# `exec prog` hands PID 1 to the program, but still needs the shell.
effect(text) := "so CMD arguments are ignored and the image needs a shell to start" if {
	startswith(text, "exec ")
} else := "so the shell is PID 1 and SIGTERM never reaches the program (no graceful stop)"

shell_prefix := concat(" ", stages.final.shell) if {
	count(object.get(stages.final, "shell", [])) > 0
} else := "/bin/sh -c"

no_entrypoint_note(i) := " (and there is no ENTRYPOINT)" if i.cmd == "cmd"

else := ""

# No shell in the final image, and none copied in: the container cannot start.
no_shell if {
	images.final_facts.shell == false
	not shell_copied
}

shell_copied if {
	some st in stages.final_chain
	some c in st.instructions
	paths.within(c.copy.dest_path, "/bin/sh")
}

shell_copied if {
	some st in stages.final_chain
	some c in st.instructions
	some src in c.copy.sources
	contains(src, "busybox")
}

severity := "error" if no_shell

else := "warning"

no_shell_note := sprintf("; the final image (%s) has no /bin/sh, so the container cannot start at all", [stages.base_name(stages.final)]) if no_shell

else := ""

# Only plain words: the exec form is the same words, quoted.
fix_and_edits(i, text) := {
	"fix": sprintf("Use the exec form: `%s`.", [line]),
	"edits": [findings.replace_lines(i, line)],
} if {
	i.line == i.end_line
	regex.match(`^[A-Za-z0-9_./:=@%+,-]+( +[A-Za-z0-9_./:=@%+,-]+)*$`, text)
	words := [sprintf(`"%s"`, [w]) | some w in split(trim_prefix(text, "exec "), " "); w != ""]
	keyword := regex.find_n(`^\S+`, i.original, 1)[0]
	line := sprintf("%s [%s]", [keyword, concat(", ", words)])
} else := {"fix": sprintf("Use the exec form, `%s [\"/path/to/program\", \"arg\"]`; if the command needs the shell (variables, pipes), put it in a script or let the program read its configuration from the environment.", [upper(i.cmd)])}
