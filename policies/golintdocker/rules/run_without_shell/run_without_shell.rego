# METADATA
# title: Shell-form RUN in a stage that has no shell
# description: |
#   A shell-form RUN runs `/bin/sh -c "..."`. scratch and distroless have no
#   /bin/sh, so the build fails with "/bin/sh: no such file or directory"
#   (or "exec: \"/bin/sh\": stat /bin/sh: no such file or directory"). The
#   guide's non-root step does exactly this: `RUN addgroup ... && adduser ...`
#   in its scratch stage, which has neither a shell nor adduser.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#run-without-shell
# custom:
#   id: GD015
#   severity: error
#   guide: "2"
#   since: 0.1.0
#   fix: Do the step in the builder stage and COPY its result; for a user, create it in the builder and COPY /etc/passwd, or use a numeric USER 65532:65532.
#   bad: |
#     FROM scratch
#     RUN addgroup -S appgroup && adduser -S appuser -G appgroup
#     COPY --from=builder /app/main /main
#     USER appuser
#   good: |
#     FROM scratch
#     COPY --from=builder /app/main /main
#     USER 65532:65532
package golintdocker.rules.run_without_shell

import data.golintdocker.lib.images
import data.golintdocker.lib.shell
import data.golintdocker.lib.stages

deny contains finding if {
	some s in stages.shipping
	images.lacks_fact(s, "shell")
	some i in s.instructions
	shell.run_lacks_shell(s, i)
	finding := {
		"msg": sprintf(
			"RUN on line %d needs %s, but %s is built on %s, which has no shell: %s cannot run and the build fails with \"%s: no such file or directory\"",
			[i.line, shell_name(i), stages.label(s), stages.base_name(s), what(i), shell_name(i)],
		),
		"line": i.line,
		"end_line": i.end_line,
		"fix": fix(s, i),
	}
}

shell_name(i) := i.run.shell[0] if {
	count(i.run.shell) > 0
} else := "/bin/sh"

# Name the commands (`addgroup`, `adduser`), each once in the order they
# first run, else quote the script.
what(i) := sprintf("`%s`", [concat("`, `", names)]) if {
	pairs := sort([[c.name, k] | some k, c in i.run.commands])
	firsts := sort([[k, n] | some j, [n, k] in pairs; not pairs[j - 1][0] == n])
	names := [n | some [_, n] in firsts]
	count(names) > 0
} else := sprintf("`%s`", [short(concat(" ", i.args))])

short(text) := text if {
	count(text) <= 60
} else := concat("", [substring(text, 0, 57), "..."])

# The shipping stages with a shell, lowest index first. At most
# count(stages.chain_positions(s)) of them are s or the stages it is built on,
# so the builder for s is among the first count(stages.chain_positions(s)) + 1.
shell_stages := [st |
	some [_, st] in sort([[s.index, s] | some s in stages.shipping])
	images.has_fact(st, "shell")
]

user_tools := {"adduser", "useradd", "addgroup", "groupadd"}

fix(s, i) := sprintf("Create the user in %s and `COPY --from=%s /etc/passwd /etc/group /etc/`, or drop this RUN and use a numeric `USER 65532:65532`, which needs no passwd entry.", [label, name]) if {
	some c in i.run.commands
	c.name in user_tools
	[label, name] := builder(s)
} else := sprintf("Do this step in %s and COPY its result in; a stage without a shell can only RUN in exec form (RUN [\"/bin/tool\", \"arg\"]) a binary it has.", [label]) if {
	[label, _] := builder(s)
}

# A stage with a shell that the image is built from, to do the work in:
# ["stage \"builder\"", "builder"], or a generic one.
builder(s) := [stages.label(b), stages.from_name(b)] if {
	chain := stages.chain_positions(s)
	ids := [st.index |
		some st in array.slice(shell_stages, 0, count(chain) + 1)
		not st.index in chain
	]
	count(ids) > 0
	b := input.stages[min(ids)]
} else := ["the builder stage", "builder"]
