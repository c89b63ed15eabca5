# METADATA
# title: Shell
# description: |
#   Whether a shell-form instruction has the shell it needs: the image
#   provides one (or nothing is known about it), or one was copied or
#   mounted in before it.
# schemas:
#   - input: schema.input
package golintdocker.lib.shell

import data.golintdocker.lib.files
import data.golintdocker.lib.images
import data.golintdocker.lib.paths
import data.golintdocker.lib.stages

# RUN i of stage s has the shell it needs: the image has one (or nothing is
# known), or one was copied or mounted in before it.
available(s, _) if not images.lacks_fact(s, "shell")

available(s, i) if {
	some dir in dirs(i.run.shell)
	files.copied_before(s, i.index, dir)
}

available(_, i) if {
	some m in i.run.mounts
	some dir in dirs(i.run.shell)
	paths.within(m.target, dir)
}

# Where a shell comes from: /bin, /busybox, and the SHELL's own program.
dirs(shell) := {"/bin", "/busybox"} | {p | some p in array.slice(shell, 0, 1)}

# The shell-form RUN i of stage s cannot start: there is no /bin/sh there.
run_lacks_shell(s, i) if {
	i.cmd == "run"
	i.form == "shell"
	not images.windows(s)
	not available(s, i)
}

# The final image has a shell for a HEALTHCHECK or CMD in shell form.
final_has_shell if not images.lacks_fact(stages.final, "shell")

final_has_shell if {
	some dir in dirs(stages.final.shell)
	files.copied_into(stages.final, dir)
}
