# METADATA
# title: HEALTHCHECK runs a program the final image does not have
# description: |
#   The guide's `HEALTHCHECK ... CMD [ "wget", ... ] || exit 1` is not valid
#   JSON, so Docker runs it through /bin/sh -c; scratch has no shell and no
#   wget, so every check fails and the container is marked unhealthy (and
#   restarted by orchestrators that act on it). The same happens for curl or
#   wget in distroless, or a probe binary that was never copied in.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#healthcheck-cannot-run
# custom:
#   id: GD018
#   severity: error
#   guide: "2"
#   since: 0.1.0
#   fix: Let the binary check itself, e.g. HEALTHCHECK CMD ["/main", "-healthcheck"], or copy a small static probe (grpc-health-probe) into the image.
#   bad: |
#     FROM scratch
#     COPY --from=builder /app/main /main
#     HEALTHCHECK --interval=5s --timeout=3s CMD ["wget", "-q", "-O", "-", "http://localhost:8080/healthz"]
#     ENTRYPOINT ["/main"]
#   good: |
#     FROM scratch
#     COPY --from=builder /app/main /main
#     HEALTHCHECK --interval=5s --timeout=3s CMD ["/main", "-healthcheck"]
#     ENTRYPOINT ["/main"]
package golintdocker.rules.healthcheck_cannot_run

import data.golintdocker.lib.files
import data.golintdocker.lib.images
import data.golintdocker.lib.instructions
import data.golintdocker.lib.packages
import data.golintdocker.lib.shell
import data.golintdocker.lib.stages

# The HEALTHCHECK in effect for the final image, unless it is NONE.
instr := i if {
	i := instructions.at(stages.final.healthcheck)
	not i.healthcheck.none
}

image := stages.base_name(stages.final)

# Shell form (including a broken JSON array) without a shell.
deny contains finding if {
	instr.healthcheck.form == "shell"
	not shell.final_has_shell
	finding := {
		"msg": sprintf("HEALTHCHECK on line %d %s, so Docker runs it with /bin/sh -c, but the final image (%s) has no shell%s: the check can never pass", [instr.line, shell_reason, image, also_missing]),
		"line": instr.line,
		"end_line": instr.end_line,
		"fix": shell_fix,
	}
}

shell_reason := "is not valid JSON (whatever follows the `]`, such as `|| exit 1`, turns it into shell form)" if {
	instr.json_invalid
} else := "is in shell form"

# The shell-form command's program, when it is a tool the image lacks too.
also_missing := sprintf(" (nor %s)", [tool]) if {
	tool := shell_program
	tool in tools
	images.final_facts[tool] == false
	not provided(tool, tool)
} else := ""

shell_program := base(trim(first[0], "\"")) if {
	instr.json_invalid
	first := regex.find_n(`"[^"]*"`, instr.healthcheck.test[0], 1)
	count(first) == 1
} else := base(split(trim_space(instr.healthcheck.test[0]), " ")[0])

tools := {"wget", "curl"}

# A simple shell-form command of a program the image has can be written in
# exec form, which needs no shell.
shell_fix := sprintf("Write the command in exec form, which needs no shell (keep the options): `HEALTHCHECK CMD [%s]`.", [concat(", ", [sprintf("%q", [w]) | some w in words])]) if {
	not instr.json_invalid
	text := trim_space(instr.healthcheck.test[0])
	not regex.match(`[|&;<>()$\x60'"\\*?~]`, text)
	words := [w | some w in split(text, " "); w != ""]
	startswith(words[0], "/")
	copied(words[0])
} else := fix

# Exec form running wget or curl where there is none.
deny contains finding if {
	instr.healthcheck.form == "exec"
	prog := instr.healthcheck.test[0]
	tool := base(prog)
	tool in tools
	images.final_facts[tool] == false
	not provided(prog, tool)
	finding := {
		"msg": sprintf("HEALTHCHECK on line %d runs %s, but the final image (%s) has no %s and nothing installs or copies it in: the check can never pass", [instr.line, tool, image, tool]),
		"line": instr.line,
		"end_line": instr.end_line,
		"fix": fix,
	}
}

# Exec form running an absolute path in an image that has nothing but what
# is copied in.
deny contains finding if {
	instr.healthcheck.form == "exec"
	prog := instr.healthcheck.test[0]
	startswith(prog, "/")
	not base(prog) in tools
	images.final_facts.empty == true
	not copied(prog)
	finding := {
		"msg": sprintf("HEALTHCHECK on line %d runs %s, but the final image (%s) starts empty and nothing copies %s into it: the check can never pass", [instr.line, prog, image, prog]),
		"line": instr.line,
		"end_line": instr.end_line,
		"fix": fix,
	}
}

base(p) := parts[count(parts) - 1] if parts := split(p, "/")

# The tool is installed, or copied in at its path or under its name.
provided(_, tool) if packages.installs(stages.final, tool)

provided(prog, _) if {
	startswith(prog, "/")
	copied(prog)
}

provided(_, tool) if {
	some s in stages.final_chain
	some i in s.instructions
	i.copy
	copy_names(i.copy, tool)
}

copy_names(c, tool) if base(c.dest_path) == tool

copy_names(c, tool) if {
	c.dest_dir
	some src in c.sources
	base(src) == tool
}

# Something copied at path or over a parent of it (a tree copied onto /
# included), or a file copied onto / under its own name.
copied(p) if files.copied_into(stages.final, p)

copied(p) if {
	some s in stages.final_chain
	some i in s.instructions
	i.copy.dest_path == "/"
	some src in i.copy.sources
	p == concat("/", ["", base(trim_right(src, "/"))])
}

fix := sprintf("Let the binary check itself: `HEALTHCHECK --interval=30s --timeout=3s CMD [%q, \"-healthcheck\"]` (the program answers its own /healthz and exits 0 or 1), or copy a small static probe into the image (grpc-health-probe for gRPC).", [entry]) if {
	i := instructions.at(stages.final.entrypoint)
	i.form == "exec"
	entry := i.args[0]
	startswith(entry, "/")
} else := "Let the binary check itself, e.g. `HEALTHCHECK CMD [\"/main\", \"-healthcheck\"]` (the program answers its own /healthz and exits 0 or 1), or copy a small static probe into the image (grpc-health-probe for gRPC)."
