# METADATA
# title: Files
# description: |
#   How files get into a stage: every COPY and ADD, every RUN --mount from=,
#   whether something is copied at, under or over a path (before a given
#   instruction, or anywhere in the chain), and which earlier stage has a
#   file a fix can copy from.
# schemas:
#   - input: schema.input
package golintdocker.lib.files

import data.golintdocker.lib.gobuilds
import data.golintdocker.lib.instructions
import data.golintdocker.lib.paths
import data.golintdocker.lib.stages

# Every COPY and ADD: [stage, instruction].
copies := [[s, i] | some [_, _, s, i] in all_copies]

# Every COPY and ADD as by_cmd lists them: [stage position, instruction
# position, stage, instruction].
all_copies := array.concat(instructions.by_cmd.copy, instructions.by_cmd.add)

# Every RUN --mount with from=: [stage, instruction, mount].
from_mounts := [[s, i, m] |
	some [_, _, s, i] in instructions.by_cmd.run
	some m in i.run.mounts
	m.from != ""
]

# Some COPY/ADD in the chain of stage s writes at, under or over dir, or
# copies a whole tree onto / from another stage (which may hold dir).
copied_into(s, dir) if {
	some c in chain_copies(s)
	paths.within(c.dest_path, dir)
}

copied_into(s, _) if {
	some c in chain_copies(s)
	tree_copy(c)
}

# The COPY/ADD details (the instructions' copy) of the chain of s; for the
# final stage from the document's list of COPY/ADD.
chain_copies(s) := [i.copy |
	some [st, i] in copies
	stages.final_chain_positions[st.index]
] if {
	s.index == stages.final.index
} else := [i.copy |
	some st in stages.chain(s)
	some i in st.instructions
	i.copy != false
]

# COPY --from c copies a tree onto /, which may hold anything: its sources
# are not just go build outputs of the source stage (`COPY --from=build
# /out/server /` copies one binary, not a root filesystem).
tree_copy(c) if {
	c.dest_path == "/"
	c.from_stage != null
	not only_binaries(c)
}

# Every source of COPY --from c is (a directory of) go build output.
only_binaries(c) if {
	outputs := gobuilds.outputs(input.stages[c.from_stage])
	every src in c.sources {
		trim_right(src, "/") in outputs
	}
}

# Some COPY/ADD in the chain of s writes at, under or over path p before
# instruction idx of s itself (all of the parents' instructions count).
# The chain is scanned once per stage and path, not once per instruction.
copied_before(s, _, p) if parent_copies_into(s, p)

copied_before(s, idx, p) if {
	first := first_copy_into(s, p)
	first != null
	first < idx
}

# A COPY/ADD of a parent stage of s reaches p (true or false).
parent_copies_into(s, p) if {
	some st in stages.chain(s)
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

# COPY/ADD c writes at, under or over p, or copies a whole tree.
copy_reaches(c, p) if paths.within(c.dest_path, p)

copy_reaches(c, _) if tree_copy(c)

# A stage, earlier in the file than image s, whose filesystem has the file
# set fact (files.ca_certs, files.tzdata): the source for a COPY --from fix.
# Stages that get built first, then the lowest index.
source(s, fact) := src if {
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

# How source prefers a stage: 0 for one that gets built, else 1.
source_rank(s) := 0 if s.built

else := 1
