# METADATA
# title: USER names a user the final image does not have
# description: |
#   A USER given by name is looked up in the image's /etc/passwd (and a group
#   name in /etc/group) when the container starts. scratch has no such files,
#   and alpine or distroless know only their own users, so `USER appuser`
#   without creating the user fails at start: "unable to find user appuser:
#   no matching entries in passwd file". The guide's scratch stage does this.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#user-without-passwd
# custom:
#   id: GD016
#   severity: error
#   fix_safety: unsafe
#   guide: "2"
#   since: 0.1.0
#   fix: Use a numeric user (USER 65532:65532), which needs no passwd entry, or copy /etc/passwd and /etc/group from the builder that created the user.
#   bad: |
#     FROM scratch
#     COPY --from=builder /app/main /main
#     USER appuser
#     ENTRYPOINT ["/main"]
#   good: |
#     FROM scratch
#     COPY --from=builder /app/main /main
#     USER 65532:65532
#     ENTRYPOINT ["/main"]
package golintdocker.rules.user_without_passwd

import data.golintdocker.lib.files
import data.golintdocker.lib.findings
import data.golintdocker.lib.images
import data.golintdocker.lib.instructions
import data.golintdocker.lib.shell
import data.golintdocker.lib.stages

deny contains finding if {
	some m in missing
	finding := {
		"msg": sprintf(
			"`%s` on line %d names the %s %q, which the final image (%s) does not have: nothing creates it or copies /etc/%s, so the container fails to start with \"unable to find %s %s: no matching entries in %s file\"",
			[instr.original, instr.line, m.kind, m.name, stages.base_name(stages.final), m.file, m.kind, m.name, m.file],
		),
		"line": instr.line,
		"end_line": instr.end_line,
		"fix": fix(m.name),
		"edits": [findings.replace_lines(instr, "USER 65532:65532")],
	}
}

instr := instructions.at(stages.final.user)

users := images.final_facts.users

# The user name, else the group name, that cannot be resolved (one finding
# per USER).
missing := [{"kind": "user", "name": u.name, "file": "passwd"}] if {
	u := instr.user
	missing_user(u)
} else := [{"kind": "group", "name": u.group, "file": "group"}] if {
	u := instr.user
	missing_group(u)
}

missing_user(u) if {
	u.uid == null
	named(u.name)
	is_array(users)
	not u.name in users
	not passwd_provided
	not creates({"adduser", "useradd"}, u.name)
}

missing_group(u) if {
	u.gid == null
	named(u.group)
	is_array(users)
	not group_known(u.group)
	not passwd_provided
	not creates({"adduser", "useradd", "addgroup", "groupadd"}, u.group)
}

# A literal name (an unresolved ${VAR} is unknown).
named(n) if {
	n != ""
	not contains(n, "$")
}

# The image's users have same-named groups; images with an /etc/group at all
# also have the standard system groups.
group_known(g) if g in users

group_known(g) if {
	count(users) > 0
	g in system_groups
}

system_groups := {
	"root", "bin", "daemon", "sys", "adm", "tty", "disk", "wheel", "staff",
	"users", "nogroup", "nobody", "nonroot", "www-data", "operator",
}

# /etc/passwd or /etc/group is copied in, or a RUN that can run edits it.
passwd_provided if files.copied_into(stages.final, "/etc/passwd")

passwd_provided if files.copied_into(stages.final, "/etc/group")

passwd_provided if {
	some s in stages.final_chain
	some i in s.instructions
	some c in i.run.commands
	some arg in c.argv
	some f in ["/etc/passwd", "/etc/group"]
	contains(arg, f)
	not shell.run_lacks_shell(s, i)
}

# A RUN that can run (not shell form in a shell-less stage) creates name.
creates(tools, name) if {
	some s in stages.final_chain
	some i in s.instructions
	some c in i.run.commands
	c.name in tools
	some argv in [c.argv, object.get(c, "expanded", [])]
	name in argv
	not shell.run_lacks_shell(s, i)
}

fix(name) := sprintf("Use a numeric user, `USER 65532:65532`, which needs no passwd entry; or copy the entries from %s, which creates %q: `COPY --from=%s /etc/passwd /etc/group /etc/`.", [stages.label(s), name, stages.from_name(s)]) if {
	s := creator(name)
} else := "Use a numeric user, `USER 65532:65532`, which needs no passwd entry; or create the user in the builder and `COPY --from=builder /etc/passwd /etc/group /etc/`."

# The first other stage that creates name (a builder running adduser).
creator(name) := input.stages[min(found)] if {
	chain_ids := {st.index | some st in stages.final_chain}
	found := {s.index |
		some s in input.stages
		not s.index in chain_ids
		some i in s.instructions
		some c in i.run.commands
		c.name in {"adduser", "useradd", "addgroup", "groupadd"}
		name in c.argv
	}
	count(found) > 0
}
