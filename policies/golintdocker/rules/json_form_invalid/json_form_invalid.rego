# METADATA
# title: Arguments look like a JSON array but are not valid JSON, so they run in shell form
# description: |
#   RUN, CMD, ENTRYPOINT, HEALTHCHECK, COPY, ADD and VOLUME take a JSON array
#   (exec form). When the array is not valid JSON (single quotes, a trailing
#   comma, `|| exit 1` after the closing bracket) BuildKit silently treats the
#   whole text as a shell command: `/bin/sh -c '[ "wget", ... ] || exit 1'`
#   runs the `[` test builtin instead of the program, and in scratch or
#   distroless, which have no /bin/sh, it cannot run at all.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#json-form-invalid
# custom:
#   id: GD019
#   severity: error
#   fix_safety: unsafe
#   guide: "2"
#   since: 0.1.0
#   fix: Write a valid JSON array of double-quoted strings, with nothing after the closing bracket.
#   bad: |
#     HEALTHCHECK --interval=30s CMD [ "wget", "-q", "--spider", "http://localhost:8080/health" ] || exit 1
#   good: |
#     HEALTHCHECK --interval=30s CMD [ "wget", "-q", "--spider", "http://localhost:8080/health" ]
package golintdocker.rules.json_form_invalid

import data.golintdocker.lib.findings
import data.golintdocker.lib.images
import data.golintdocker.lib.stages

deny contains finding if {
	some s in input.stages
	some j in s.json_invalid
	i := s.instructions[j]
	start := indexof(i.original, "[")
	start >= 0
	text := substring(i.original, start, -1)
	looks_like_json(i.cmd, text)
	p := parts(text)
	finding := object.union(
		{
			"msg": sprintf("%s on line %d looks like exec form but is not valid JSON (%s), so %s", [upper(i.cmd), i.line, concat("; ", problems(p)), consequence(s, i, text)]),
			"line": i.line,
			"end_line": i.end_line,
		},
		fix_and_edits(i, substring(i.original, 0, start), p),
	)
}

# The arguments start like a JSON array of strings: a quoted first element
# followed by a comma, or unquoted words separated by commas. A RUN may
# legitimately start with the `[` test command (`RUN [ -f go.sum ] && ...`,
# `RUN [ "$TARGETARCH" = arm64 ] ...`), so for RUN a single element is not
# enough.
looks_like_json(_, text) if regex.match(`^\[\s*("[^"]*"|'[^']*')\s*,`, text)

looks_like_json(_, text) if regex.match(`^\[\s*[A-Za-z0-9_./:=@%+-]+\s*,`, text)

looks_like_json(cmd, text) if {
	cmd != "run"
	regex.match(`^\[\s*("[^"]*"|'[^']*')\s*\]`, text)
}

# The array up to its last `]`, and what follows it.
parts(text) := {"body": body, "trailing": trailing} if {
	close := max(indexof_n(text, "]"))
	body := substring(text, 0, close + 1)
	trailing := trim_space(substring(text, close + 1, -1))
}

# What is wrong, as far as we can tell.
problems(p) := ps if {
	ps := array.concat(
		array.concat(trailing_problem(p), quote_problem(p)),
		array.concat(comma_problem(p), unquoted_problem(p)),
	)
	count(ps) > 0
} else := ["the array does not parse"]

trailing_problem(p) := [sprintf("text after the closing ]: `%s`", [p.trailing])] if {
	p.trailing != ""
} else := []

quote_problem(p) := ["single quotes instead of double quotes"] if {
	regex.match(`[\[,]\s*'`, p.body)
} else := []

comma_problem(p) := ["a trailing comma before ]"] if {
	regex.match(`,\s*\]$`, p.body)
} else := []

unquoted_problem(p) := ["elements without quotes"] if {
	regex.match(`[\[,]\s*[^\s"'\[\],]`, p.body)
} else := []

# The array made valid: words quoted, single quotes made double, the
# trailing comma dropped. Undefined when the result is not a JSON array of
# strings.
repaired(p) := r if {
	r := regex.replace(requoted(quoted_words(p.body)), `,\s*\]$`, "]")
	json.is_valid(r)
	arr := json.unmarshal(r)
	is_array(arr)
	count(arr) > 0
	every e in arr {
		is_string(e)
	}
}

# [/app, serve] -> ["/app", "serve"]
quoted_words(body) := r if {
	not contains(body, `"`)
	not contains(body, "'")
	words := [w |
		some e in split(substring(body, 1, count(body) - 2), ",")
		w := trim_space(e)
		w != ""
	]
	every w in words {
		regex.match(`^[A-Za-z0-9_./:=@%+-]+$`, w)
	}
	r := concat("", ["[", concat(", ", [sprintf(`"%s"`, [w]) | some w in words]), "]"])
} else := body

# ['/app', 'serve'] -> ["/app", "serve"]
requoted(body) := regex.replace(body, `'([^'"]*)'`, `"$1"`) if {
	regex.match(`[\[,]\s*'`, body)
} else := body

# `|| exit 1` after an exec-form command adds nothing: its exit code is used
# directly (and any non-zero code marks a health check as failing).
droppable(trailing) if trailing == ""

droppable(trailing) if regex.match(`^\|\|\s*(exit(\s+[0-9]+)?|false)\s*;?$`, trailing)

fix_and_edits(i, prefix, p) := {
	"fix": sprintf("Write it as valid JSON: `%s`%s.", [line, dropped_note(p)]),
	"edits": [findings.replace_lines(i, line)],
} if {
	i.line == i.end_line
	droppable(p.trailing)
	line := concat("", [prefix, repaired(p)])
} else := {"fix": sprintf("End the instruction with a valid JSON array: `%s`%s.", [repaired(p), dropped_note(p)])} if {
	droppable(p.trailing)
	repaired(p)
} else := {"fix": sprintf("Write a JSON array of double-quoted strings with nothing after the closing ] (`%s [\"/app\", \"serve\"]`), or drop the brackets if a shell command is meant.", [upper(i.cmd)])} if {
	p.trailing == ""
} else := {"fix": sprintf("Exec form cannot run `%s`: end the instruction at the closing ] (the command's own exit code is used), or drop the brackets if a shell command is meant.", [p.trailing])}

dropped_note(p) := sprintf(" (without `%s`: an exec-form command's exit code is used directly)", [p.trailing]) if {
	p.trailing != ""
} else := ""

# What BuildKit does with the text instead.
consequence(s, i, text) := sprintf("BuildKit runs it in shell form: /bin/sh -c '%s'%s", [text, no_shell_note(s)]) if {
	i.cmd in {"run", "cmd", "entrypoint", "healthcheck"}
} else := sprintf("BuildKit splits it on spaces and takes %s as the first source", [concat("", ["`", i.args[0], "`"])]) if {
	i.cmd in {"copy", "add"}
} else := sprintf("BuildKit splits it on spaces and declares %s as a volume", [concat("", ["`", i.args[0], "`"])])

# Shell form cannot run where there is no shell.
no_shell_note(s) := sprintf(": the final image (%s) has no /bin/sh, so it cannot run at all", [stages.base_name(stages.final)]) if {
	stages.final_chain_positions[s.index]
	images.final_facts.shell == false
} else := ""
