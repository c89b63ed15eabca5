# METADATA
# title: Paths
# description: |
#   Paths inside an image, as Dockerfiles write them: whether one lies under
#   another, made absolute against a WORKDIR, without a trailing slash, its
#   last element.
package golintdocker.lib.paths

# p is dir or something under it, or a parent of it (copying /etc/ssl covers
# /etc/ssl/certs).
within(p, dir) if p == dir

within(p, dir) if startswith(p, concat("", [dir, "/"]))

within(p, dir) if startswith(dir, concat("", [p, "/"]))

# p made absolute against the working directory wd: p itself when it is
# absolute; undefined for a relative p without a working directory.
absolute_in(p, _) := p if startswith(p, "/")

absolute_in(p, wd) := concat("/", [trim_right(wd, "/"), trim_prefix(p, "./")]) if {
	not startswith(p, "/")
	wd != ""
}

# A path without its trailing slash (but "/" stays "/").
clean(p) := "/" if {
	p != ""
	trim_right(p, "/") == ""
} else := trim_right(p, "/")

# The last element of p, without a trailing slash: "gosu" for
# /usr/sbin/gosu, "ssh" for /root/.ssh/.
base(p) := regex.replace(trim_right(p, "/"), `^.*/`, "")
