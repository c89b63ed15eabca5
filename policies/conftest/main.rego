# METADATA
# title: golint-docker's rules are not in conftest's default namespace
# description: |
#   conftest reads data.main by default. golint-docker's rules read the
#   document golint-docker builds, need the rules' metadata that golint-docker
#   writes into its bundle, and answer in namespace golintdocker; run in
#   namespace main (or over all namespaces) they would pass every file, so
#   this package fails it instead, saying what to run. It is not part of
#   golint-docker's bundle, nor of the rules golint-docker evaluates.
# scope: package
package main

deny contains msg if {
	msg := concat(" ", [
		"golint-docker's rules are in namespace golintdocker and read golint-docker's input document, not a file conftest parsed:",
		"golint-docker bundle -o golint-docker.tar.gz && mkdir -p golint-docker-bundle && tar -xzf golint-docker.tar.gz -C golint-docker-bundle &&",
		"golint-docker input Dockerfile | conftest test --parser json --namespace golintdocker -p golint-docker-bundle -d golint-docker-bundle -",
		"(see https://github.com/golint-docker/golint-docker#conftest)",
	])
}
