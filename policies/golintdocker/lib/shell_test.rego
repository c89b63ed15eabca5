package golintdocker.lib.shell_test

import data.golintdocker.lib.shell
import data.golintdocker.testdoc

adduser := testdoc.run(13, [testdoc.command(["adduser", "-D", "app"])])

busybox := testdoc.copy_from(12, 0, ["/bin/busybox"], "/bin/")

shell_doc(image, instructions) := testdoc.stages([
	testdoc.stage(0, "busybox", "busybox:1.37", []),
	testdoc.stage(1, "", image, instructions),
])

test_an_image_with_a_shell if {
	d := shell_doc("alpine:3.22", [adduser])
	shell.available(d.stages[1], d.stages[1].instructions[0]) with input as d
	not shell.run_lacks_shell(d.stages[1], d.stages[1].instructions[0]) with input as d
	shell.final_has_shell with input as d
}

test_scratch_has_none if {
	d := shell_doc("scratch", [adduser])
	not shell.available(d.stages[1], d.stages[1].instructions[0]) with input as d
	shell.run_lacks_shell(d.stages[1], d.stages[1].instructions[0]) with input as d
	not shell.final_has_shell with input as d
}

test_an_unknown_image_is_given_the_benefit_of_the_doubt if {
	d := shell_doc("example.com/acme/base:1", [adduser])
	not shell.run_lacks_shell(d.stages[1], d.stages[1].instructions[0]) with input as d
}

test_a_shell_copied_in_before if {
	d := shell_doc("scratch", [busybox, adduser])
	shell.available(d.stages[1], d.stages[1].instructions[1]) with input as d
	not shell.run_lacks_shell(d.stages[1], d.stages[1].instructions[1]) with input as d
	shell.final_has_shell with input as d
}

test_a_shell_copied_in_after_does_not_count if {
	d := shell_doc("scratch", [adduser, busybox])
	shell.run_lacks_shell(d.stages[1], d.stages[1].instructions[0]) with input as d
}

test_a_mounted_shell if {
	run := object.union(adduser, {"run": {"mounts": [testdoc.mount("bind", "/bin", "busybox", 0)]}})
	d := shell_doc("scratch", [run])
	shell.available(d.stages[1], d.stages[1].instructions[0]) with input as d
}

test_exec_form_and_windows_need_no_sh if {
	d := shell_doc("scratch", [object.union(adduser, {"form": "exec"})])
	not shell.run_lacks_shell(d.stages[1], d.stages[1].instructions[0]) with input as d
	w := shell_doc("golang:1.27-windowsservercore", [adduser])
	not shell.run_lacks_shell(w.stages[1], w.stages[1].instructions[0]) with input as w
}

test_dirs if {
	shell.dirs(["/bin/sh", "-c"]) == {"/bin", "/busybox", "/bin/sh"}
	shell.dirs(["/busybox/sh", "-c"]) == {"/bin", "/busybox", "/busybox/sh"}
}
