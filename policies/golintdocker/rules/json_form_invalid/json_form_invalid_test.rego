package golintdocker.tests.json_form_invalid

import data.golintdocker.testdoc

import data.golintdocker.rules.json_form_invalid

scratch := {"name": "scratch", "tag": "", "image": "scratch", "scratch": true}

alpine := {"name": "alpine", "tag": "3.22", "image": "alpine:3.22", "scratch": false}

doc(from, instr) := {
	"final_stage": 0,
	"stages": [{
		"index": 0, "name": "", "root": 0, "from": from,
		"instructions": [instr],
		"json_invalid": [0 | instr.json_invalid],
	}],
}

instr(cmd, original, args) := {
	"cmd": cmd, "line": 9, "end_line": 9, "json_invalid": true, "form": "shell",
	"original": original, "args": args,
}

guide_healthcheck := instr(
	"healthcheck",
	`HEALTHCHECK --interval=30s --timeout=3s CMD [ "wget", "-q", "--spider", "http://localhost:8080/health" ] || exit 1`,
	["CMD", `[ "wget", "-q", "--spider", "http://localhost:8080/health" ] || exit 1`],
)

test_healthcheck_exit_1_fires_with_edit if {
	some f in json_form_invalid.deny with input as testdoc.doc(doc(scratch, guide_healthcheck))
	f.line == 9
	contains(f.msg, "text after the closing ]: `|| exit 1`")
	contains(f.msg, "has no /bin/sh")
	f.edits == [{
		"line": 9, "column": 0, "end_line": 9, "end_column": 0,
		"text": `HEALTHCHECK --interval=30s --timeout=3s CMD [ "wget", "-q", "--spider", "http://localhost:8080/health" ]`,
	}]
}

test_single_quotes_fire_with_edit if {
	i := instr("entrypoint", `ENTRYPOINT ['/app', 'serve']`, [`['/app', 'serve']`])
	some f in json_form_invalid.deny with input as testdoc.doc(doc(alpine, i))
	contains(f.msg, "single quotes")
	not contains(f.msg, "no /bin/sh")
	f.edits == [{"line": 9, "column": 0, "end_line": 9, "end_column": 0, "text": `ENTRYPOINT ["/app", "serve"]`}]
}

test_trailing_comma_in_copy_fires_with_edit if {
	i := instr("copy", `COPY ["go.mod", "go.sum", "./",]`, [`["go.mod",`, `"go.sum",`, `"./",]`])
	some f in json_form_invalid.deny with input as testdoc.doc(doc(alpine, i))
	contains(f.msg, "trailing comma")
	contains(f.msg, "first source")
	f.edits == [{"line": 9, "column": 0, "end_line": 9, "end_column": 0, "text": `COPY ["go.mod", "go.sum", "./"]`}]
}

test_unquoted_words_fire_with_edit if {
	i := instr("cmd", `CMD [/server, -addr, :8080]`, [`[/server, -addr, :8080]`])
	some f in json_form_invalid.deny with input as testdoc.doc(doc(alpine, i))
	contains(f.msg, "without quotes")
	f.edits == [{"line": 9, "column": 0, "end_line": 9, "end_column": 0, "text": `CMD ["/server", "-addr", ":8080"]`}]
}

test_chained_command_fires_without_edit if {
	i := instr("cmd", `CMD ["/app", "migrate"] && exec /app serve`, [`["/app", "migrate"] && exec /app serve`])
	some f in json_form_invalid.deny with input as testdoc.doc(doc(alpine, i))
	contains(f.msg, "`&& exec /app serve`")
	not f.edits
}

test_multiline_fires_without_edit if {
	i := object.union(guide_healthcheck, {"end_line": 10})
	some f in json_form_invalid.deny with input as testdoc.doc(doc(scratch, i))
	f.end_line == 10
	not f.edits
	f.fix == concat("", [
		"End the instruction with a valid JSON array: `",
		`[ "wget", "-q", "--spider", "http://localhost:8080/health" ]`,
		"` (without `|| exit 1`: an exec-form command's exit code is used directly).",
	])
}

test_run_test_command_is_quiet if {
	i := instr("run", `RUN [ -f go.sum ] && go mod download`, [`[ -f go.sum ] && go mod download`])
	count(json_form_invalid.deny) == 0 with input as testdoc.doc(doc(alpine, i))
}

test_run_quoted_test_is_quiet if {
	i := instr("run", `RUN [ "$TARGETARCH" = "arm64" ] && apk add gcc`, [`[ "$TARGETARCH" = "arm64" ] && apk add gcc`])
	count(json_form_invalid.deny) == 0 with input as testdoc.doc(doc(alpine, i))
}

test_valid_json_is_quiet if {
	i := object.union(instr("entrypoint", `ENTRYPOINT ["/app"]`, ["/app"]), {"json_invalid": false, "form": "exec"})
	count(json_form_invalid.deny) == 0 with input as testdoc.doc(doc(scratch, i))
}
