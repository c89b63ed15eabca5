# METADATA
# title: Instructions
# description: |
#   Finding instructions: every instruction of a kind in one pass, the
#   instruction a stage's reference (user, healthcheck, entrypoint, cmd)
#   points at, what the final image starts, and an instruction's environment.
# schemas:
#   - input: schema.input
package golintdocker.lib.instructions

import data.golintdocker.lib.stages

# The instruction kinds by_cmd indexes.
indexed_cmds := ["run", "copy", "add", "env", "arg", "label", "workdir", "expose"]

# The instructions of the kinds the rules look up, by kind: by_cmd[cmd] is
# the list of [stage position, instruction position, stage, instruction] of
# the instructions cmd, in document order. The inner comprehension unifies
# i.cmd with cmd, so OPA's comprehension indexing evaluates it once, in one
# pass over the instructions, and hands out each kind's list from that (a
# rule with a ref head such as by_cmd[i.cmd] contains ... would check every
# new entry against all earlier ones: quadratic on big files). Rules read
# this document rather than walking the stages themselves: OPA evaluates a
# rule without arguments once per query.
by_cmd := {cmd: list |
	some cmd in indexed_cmds
	list := [[k, j, s, i] |
		some k, s in input.stages
		some j, i in s.instructions
		i.cmd = cmd
	]
}

# The instruction a stage's reference (user, healthcheck, entrypoint, cmd:
# {"stage", "instruction"}) points at.
at(ref) := input.stages[ref.stage].instructions[ref.instruction]

# What the final image starts: the ENTRYPOINT in effect, else the CMD in
# effect.
final_start := i if {
	r := object.get(stages.final, "entrypoint", null)
	r != null
	i := at(r)
} else := i if {
	object.get(stages.final, "entrypoint", null) == null
	r := object.get(stages.final, "cmd", null)
	r != null
	i := at(r)
}

# The value of a variable in an instruction's environment, if set.
env_value(i, name) := v if {
	v := i.env[name]
	v != null
}
