# METADATA
# title: useradd with a large UID and without -l (--no-log-init)
# description: |
#   useradd records each user in /var/log/lastlog and /var/log/faillog,
#   files indexed by UID: for UID 123456 they become sparse files of about
#   36 MB, which the image layer stores in full. `useradd -l` (or
#   --no-log-init) leaves them alone. Reported for UIDs above 99999, as
#   hadolint does.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#useradd-without-no-log-init
# custom:
#   id: GD055
#   severity: warning
#   fix_safety: safe
#   since: 0.2.0
#   aliases: [DL3046]
#   fix: Add -l (`useradd -l -u 123456 app`).
#   bad: |
#     RUN useradd -u 123456 -r app
#   good: |
#     RUN useradd -l -u 123456 -r app
package golintdocker.rules.useradd_without_no_log_init

import data.golintdocker.lib.findings

deny contains finding if {
	not input.fixture
	some s in input.stages
	some r in s.commands_by_name.useradd
	c := s.instructions[r.instruction].run.commands[r.command]
	uid := to_number(uid_of(c))
	uid > 99999
	not no_log_init(c)
	finding := {
		"msg": sprintf("`useradd` on line %d creates UID %d without -l: /var/log/lastlog and faillog grow to about %d MB in the layer", [c.line, uid, round((uid * 292) / 1000000)]),
		"line": c.line,
		"end_line": c.end_line,
		"edits": findings.insert_after_program(c, " -l"),
	}
}

uid_of(c) := v if {
	some k, a in c.argv
	a in {"-u", "--uid"}
	v := c.argv[k + 1]
	regex.match(`^[0-9]+$`, v)
} else := v if {
	some a in c.argv
	m := regex.find_all_string_submatch_n(`^(?:-u|--uid=)([0-9]+)$`, a, 1)[0]
	v := m[1]
}

no_log_init(c) if {
	some a in c.argv
	a in {"-l", "--no-log-init"}
}

# -l among combined short options (-rl, -lm).
no_log_init(c) if {
	some a in c.argv
	regex.match(`^-[a-km-zA-Z]*l[a-zA-Z]*$`, a)
}
