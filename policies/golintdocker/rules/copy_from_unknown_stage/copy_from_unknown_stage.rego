# METADATA
# title: COPY --from or RUN --mount from= names a stage that does not exist
# description: |
#   BuildKit takes a --from value that is not a stage name or number for an
#   image reference: a typo such as `--from=bulder` does not fail as "no such
#   stage" but tries to pull docker.io/library/bulder (access denied, or
#   worse, someone else's image of that name), and a stage number past the
#   last stage fails the build. Stage names are the `AS name` of FROM lines;
#   numbers count FROM lines from 0.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#copy-from-unknown-stage
# custom:
#   id: GD022
#   severity: error
#   guide: "3"
#   since: 0.1.0
#   fix: Name a stage that exists (the `AS name` of an earlier FROM), or write a full image reference with a tag.
#   bad: |
#     FROM golang:1.27-alpine AS builder
#     RUN go build -o /out/app .
#     FROM scratch
#     COPY --from=bulder /out/app /app
#   good: |
#     FROM golang:1.27-alpine AS builder
#     RUN go build -o /out/app .
#     FROM scratch
#     COPY --from=builder /out/app /app
package golintdocker.rules.copy_from_unknown_stage

import data.golintdocker.lib.files
import data.golintdocker.lib.images

# Every --from that resolved to nothing: [instruction, how it was written, value].
refs contains [i, "COPY --from", i.copy.from] if {
	some [_, i] in files.copies
	i.copy.from != ""
	i.copy.from_stage == null
}

refs contains [i, "RUN --mount from", m.from] if {
	some [_, i, m] in files.from_mounts
	m.from_stage == null
}

deny contains finding if {
	some [i, what, from] in refs
	regex.match(`^[0-9]+$`, from)
	finding := {
		"msg": sprintf("%s=%s: no stage %s: the file has %s", [what, from, from, stage_count_text]),
		"line": i.line,
		"end_line": i.end_line,
		"fix": number_fix,
	}
}

deny contains finding if {
	some [i, what, from] in refs
	images.unknown_stage_name(from)
	finding := object.union(
		{
			"msg": sprintf("%s=%s: no stage named %s (%s%s): BuildKit will try to pull the image docker.io/library/%s", [what, from, from, suggestion_note(from), stage_list, lower(from)]),
			"line": i.line,
			"end_line": i.end_line,
		},
		fix_and_severity(from),
	)
}

stage_count_text := "1 stage, numbered 0" if {
	count(input.stages) == 1
} else := sprintf("%d stages, numbered 0–%d", [count(input.stages), count(input.stages) - 1])

named_stages := [s.name | some s in input.stages; s.name != ""]

stage_list := sprintf("stages: %s", [concat(", ", named_stages)]) if {
	count(named_stages) > 0
} else := "no stage has a name"

number_fix := sprintf("Refer to the stage by its name (`--from=%s`); stage numbers change when stages are added or reordered.", [named_stages[0]]) if {
	count(named_stages) > 0
} else := "Name the stage you mean (`FROM golang:<version> AS build`) and refer to it by name (`--from=build`); stage numbers change when stages are added or reordered."

# The stage names a typo of from could mean, in name order.
suggestions(from) := sort([name |
	some name in named_stages
	similar(lower(from), lower(name))
])

suggestion_note(from) := sprintf("did you mean %s? ", [suggestions(from)[0]]) if {
	count(suggestions(from)) > 0
} else := ""

# A likely typo is an error; a name like no stage may be an image on purpose
# (`--from=nginx`): a warning that asks for a tag.
fix_and_severity(from) := {"fix": sprintf("Write `--from=%s`.", [suggestions(from)[0]])} if {
	count(suggestions(from)) > 0
} else := {
	"severity": "warning",
	"fix": sprintf("Name a stage that exists (%s), or, if the image %s is meant, write it with a tag (`--from=%s:<version>`).", [stage_list, from, from]),
}

# Same letters in another case, or a shared prefix of 3+ characters.
similar(a, b) if a == b

similar(a, b) if {
	count(a) >= 3
	count(b) >= 3
	substring(a, 0, 3) == substring(b, 0, 3)
}

# One character left out or added (bulder / builder).
similar(a, b) if one_deleted(a, b)

similar(a, b) if one_deleted(b, a)

# One character changed, or two neighbours swapped (biulder / builder).
similar(a, b) if {
	count(a) == count(b)
	count(a) >= 3
	diffs := [k | some k in numbers.range(0, count(a) - 1); substring(a, k, 1) != substring(b, k, 1)]
	close_diff(a, b, diffs)
}

close_diff(_, _, diffs) if count(diffs) == 1

close_diff(a, b, diffs) if {
	count(diffs) == 2
	diffs[1] == diffs[0] + 1
	substring(a, diffs[0], 1) == substring(b, diffs[1], 1)
	substring(a, diffs[1], 1) == substring(b, diffs[0], 1)
}

# long is short with one character more.
one_deleted(long, short) if {
	count(long) == count(short) + 1
	count(short) >= 2
	some k in numbers.range(0, count(long) - 1)
	concat("", [substring(long, 0, k), substring(long, k + 1, -1)]) == short
}
