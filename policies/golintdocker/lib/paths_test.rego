package golintdocker.lib.paths_test

import data.golintdocker.lib.paths

test_within if {
	paths.within("/etc/ssl/certs", "/etc/ssl/certs")
	paths.within("/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs")
	paths.within("/etc/ssl", "/etc/ssl/certs")
	not paths.within("/etc/sslx", "/etc/ssl")
	not paths.within("/usr/share/zoneinfo", "/etc/ssl/certs")
}

test_absolute_in if {
	paths.absolute_in("/out/app", "/src") == "/out/app"
	paths.absolute_in("./bin/app", "/src/") == "/src/bin/app"
	paths.absolute_in("app", "/src") == "/src/app"
	not paths.absolute_in("app", "")
}

test_clean if {
	paths.clean("/go/pkg/mod/") == "/go/pkg/mod"
	paths.clean("/go/pkg/mod") == "/go/pkg/mod"
	paths.clean("/") == "/"
	paths.clean("//") == "/"
	paths.clean("") == ""
}

test_base if {
	paths.base("/usr/sbin/gosu") == "gosu"
	paths.base("/root/.ssh/") == ".ssh"
	paths.base("id_rsa") == "id_rsa"
}
