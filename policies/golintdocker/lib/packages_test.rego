package golintdocker.lib.packages_test

import data.golintdocker.lib.packages
import data.golintdocker.testdoc

apk(words) := testdoc.run(2, [testdoc.command(array.concat(["apk", "add", "--no-cache"], words))])

apt(words) := testdoc.run(3, [testdoc.command(array.concat(["apt-get", "install", "-y"], words))])

# An alpine stage and a debian stage that builds on it... (a child inherits
# what its parent installed).
pkg_doc(instructions) := testdoc.stages([
	testdoc.stage(0, "base", "alpine:3.22", instructions),
	testdoc.child(1, "", testdoc.stage(0, "base", "alpine:3.22", instructions), []),
])

test_installs_through_the_chain if {
	d := pkg_doc([apk(["tzdata", "ca-certificates"])])
	packages.installs(d.stages[1], "tzdata") with input as d
	packages.installs(d.stages[0], "ca-certificates") with input as d
	not packages.installs(d.stages[0], "curl") with input as d
}

test_installs_pinned_versions if {
	d := pkg_doc([apt(["tzdata=2024a-0+deb12u1"]), apk(["curl~=8.5"])])
	packages.installs(d.stages[0], "tzdata") with input as d
	packages.installs(d.stages[0], "curl") with input as d
}

test_a_longer_name_is_another_package if {
	d := pkg_doc([apk(["tzdata-legacy", "curl-dev"])])
	not packages.installs(d.stages[0], "tzdata") with input as d
	not packages.installs(d.stages[0], "curl") with input as d
}

test_only_install_commands_count if {
	d := pkg_doc([testdoc.run(2, [testdoc.command(["apk", "del", "tzdata"])]), testdoc.run(3, [testdoc.command(["echo", "tzdata"])])])
	not packages.installs(d.stages[0], "tzdata") with input as d
}

test_a_name_with_pattern_characters_is_a_name if {
	d := pkg_doc([apk(["openssl1.1-compat", "g++", "c++=14.2.0-r4"])])
	packages.installs(d.stages[0], "openssl1.1-compat") with input as d
	packages.installs(d.stages[0], "g++") with input as d
	packages.installs(d.stages[0], "c++") with input as d
	not packages.installs(d.stages[0], "openssl1x1-compat") with input as d
	not packages.installs(d.stages[0], "gcc") with input as d
}

test_matches if {
	packages.matches("tzdata", "tzdata")
	packages.matches("tzdata=2024a", "tzdata")
	packages.matches("tzdata>2023", "tzdata")
	packages.matches("tzdata~=2024", "tzdata")
	packages.matches("curl/bookworm-backports", "curl")
	packages.matches("curl@edge", "curl")
	not packages.matches("tzdatax", "tzdata")
	not packages.matches("tzdata", "tzdata-legacy")
	not packages.matches("", "tzdata")
}

test_matches_names_with_pattern_characters if {
	packages.matches("c++", "c++")
	packages.matches("g++", "g++")
	packages.matches("g++=4:12.2.0-3", "g++")
	packages.matches("libstdc++6", "libstdc++6")
	not packages.matches("g", "g++")
	not packages.matches("g++", "g")
	not packages.matches("gxx", "g++")
	not packages.matches("c++", "g++")
	not packages.matches("libstdc++6-dev", "libstdc++6")
	packages.matches("openssl1.1-compat", "openssl1.1-compat")
	not packages.matches("openssl1x1-compat", "openssl1.1-compat")
	packages.matches("python3.12", "python3.12")
	not packages.matches("python3-12", "python3.12")
	packages.matches("(x)[y]*", "(x)[y]*")
	packages.matches("tzdåta=1", "tzdåta")
}

test_installer if {
	packages.installer(testdoc.command(["apk", "add", "curl"]))
	packages.installer(testdoc.command(["dnf", "install", "-y", "curl"]))
	not packages.installer(testdoc.command(["apt-get", "update"]))
	"zypper" in packages.installer_names
}

test_install_command if {
	d := testdoc.stages([
		testdoc.stage(0, "", "alpine:3.22", []),
		testdoc.stage(1, "", "debian:bookworm-slim", []),
		testdoc.stage(2, "", "scratch", []),
	])
	packages.install_command(d.stages[0], "tzdata") == "RUN apk add --no-cache tzdata"
	packages.install_command(d.stages[1], "tzdata") == "RUN apt-get update && apt-get install -y --no-install-recommends tzdata"
	not packages.install_command(d.stages[2], "tzdata")
}
