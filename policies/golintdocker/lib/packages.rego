# METADATA
# title: Packages
# description: |
#   Package managers in RUN: whether a stage's chain installs a package
#   (apk add, apt-get install, dnf install ...), and the command that would.
# schemas:
#   - input: schema.input
package golintdocker.lib.packages

import data.golintdocker.lib.images
import data.golintdocker.lib.stages

# A package manager installs pkg somewhere in the chain of stage s.
installs(s, pkg) if {
	some k in stages.chain_positions(s)
	some arg in installer_args[k]
	startswith(arg, pkg)
	matches(arg, pkg)
}

# The words of the package-manager install commands of each stage (its own
# instructions), computed once per stage and query.
installer_args[k] := args if {
	some k, st in input.stages
	args := [arg |
		some i in st.instructions
		some c in i.run.commands
		c.name in installer_names
		installer(c)
		some arg in c.argv
	]
}

# The package managers installs knows.
installer_names := {"apk", "apt-get", "apt", "yum", "dnf", "microdnf", "zypper"}

# Command c installs packages.
installer(c) if {
	c.name == "apk"
	"add" in c.argv
}

installer(c) if {
	c.name in {"apt-get", "apt", "yum", "dnf", "microdnf", "zypper"}
	"install" in c.argv
}

# The word arg of an install command names package pkg, pinned or not:
# tzdata, tzdata=2024a-0+deb12u1 (apt), tzdata~=2024 (apk),
# curl/bookworm-backports (apt's target release), curl@edge (apk's
# repository tag). pkg is a name, not a pattern: c++, g++ and
# openssl1.1-compat match only themselves.
matches(arg, pkg) if arg == pkg

matches(arg, pkg) if {
	startswith(arg, pkg)
	substring(arg, count(pkg), 1) in version_separators
}

# What may follow a package name in an install word: a version constraint,
# a release or a repository.
version_separators := {"=", "~", "<", ">", "/", "@"}

# The RUN that installs pkg on the image of stage s with its package
# manager; undefined when the image has none golint-docker knows.
install_command(s, pkg) := sprintf("RUN apk add --no-cache %s", [pkg]) if {
	images.facts(s).package_manager == "apk"
} else := sprintf("RUN apt-get update && apt-get install -y --no-install-recommends %s", [pkg]) if {
	images.facts(s).package_manager == "apt"
}
