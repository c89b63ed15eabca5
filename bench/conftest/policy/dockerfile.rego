# The peer's policy for the many-files comparison: two rules of the same
# kind golint-docker checks (base image pinned, not running as root), over
# conftest's own Dockerfile input.
package main

import rego.v1

deny contains msg if {
	some cmd in input[_]
	cmd.Cmd == "from"
	image := cmd.Value[0]
	not contains(image, ":")
	image != "scratch"
	msg := sprintf("line %d: %s has no tag", [cmd.StartLine, image])
}

deny contains msg if {
	some cmd in input[_]
	cmd.Cmd == "user"
	cmd.Value[0] in {"root", "0"}
	msg := sprintf("line %d: runs as root", [cmd.StartLine])
}
