# The findings as conftest reads them. conftest fails a file on its deny
# set and reports its warn set: `golint-docker input Dockerfile | conftest
# test --parser json --namespace golintdocker ...` gets golint-docker's
# errors and warnings as failures and its infos as warnings, each with the
# rule's id and name and the fix in the message, the finding's fields beside.
package golintdocker

deny contains conftest_result(f) if {
	some f in findings
	f.severity in {"error", "warning"}
}

warn contains conftest_result(f) if {
	some f in findings
	f.severity == "info"
}

conftest_result(f) := object.union(f, {"msg": sprintf("line %d: %s: %s [%s %s]%s", [
	f.line, f.severity, f.message, f.rule_id, f.rule_name,
	fix_suffix(f.fix),
])})

fix_suffix("") := ""

fix_suffix(fix) := sprintf(" fix: %s", [fix]) if fix != ""
