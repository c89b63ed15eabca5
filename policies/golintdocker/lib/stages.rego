# METADATA
# title: Stages
# description: |
#   The stages of the build and how they hang together: the final stage, the
#   chain of stages a stage is built on, the stages that get built, and how
#   messages and COPY --from name a stage.
# schemas:
#   - input: schema.input
package golintdocker.lib.stages

# The stage the image is built from (the last one, or --target).
final := input.stages[input.final_stage]

# The final stage and the stages it is built on, nearest first.
final_chain := chain(final)

# The positions of the final chain's stages, as a set.
final_chain_positions := {k | some k in chain_positions(final)}

# The stages that get built (for the final stage or a runtime image), in
# stage order: their output ends up in an image, directly or through
# COPY --from.
shipping := [s | some s in input.stages; s.built]

# A stage and the stages it is built on, nearest first: everything in its
# filesystem.
chain(s) := [input.stages[k] | some k in chain_positions(s)]

# The positions of chain(s). A stage builds only on an earlier one, so the
# highest comes first. The document names only each stage's own parent
# (from.stage): the whole chain of every stage would grow with the square of
# the number of stages.
chain_positions(s) := [s.index] if {
	object.get(object.get(s, "from", {}), "stage", null) == null
} else := array.reverse(sort(graph.reachable(parent_graph, {s.index}) | {s.index}))

# Each stage's parent, for graph.reachable: {position: [parent position]}.
parent_graph := {s.index: parent |
	some s in input.stages
	parent := [p | p := object.get(object.get(s, "from", {}), "stage", null); p != null]
}

# The stage whose FROM names the image stage s rests on.
root(s) := input.stages[s.root]

# The image reference (the FROM's) at the bottom of a stage's chain.
base(s) := root(s).from

# Display name of a stage's base image: "golang:1.26-alpine", "scratch".
base_name(s) := "scratch" if {
	base(s).scratch
} else := base(s).image

# How a message names a stage: `stage "build"`, or `stage 2` when it has no
# name.
label(s) := sprintf("stage %q", [s.name]) if {
	s.name != ""
} else := sprintf("stage %d", [s.index])

# How COPY --from names a stage: its name, else its index.
from_name(s) := s.name if {
	s.name != ""
} else := sprintf("%d", [s.index])

# The automatic platform ARGs of BuildKit: set for FROM lines, but empty
# inside a stage unless the stage declares them with ARG.
platform_args := {
	"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
	"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
}
