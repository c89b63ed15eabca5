package golintdocker.tests.go_version_unsupported

import data.golintdocker.rules.go_version_unsupported

stage(original, from) := {
	"index": 0, "name": "builder", "line": 4, "from_end_line": 4, "root": 0,
	"original": original, "from": from, "instructions": [],
}

golang(written, tag) := {
	"original": written, "image": concat(":", ["golang", tag]), "name": "golang",
	"tag": tag, "digest": "", "scratch": false, "stage": null, "unresolved": [],
	"tag_version": tag_version(tag),
}

# The release a tag starts with, as golint-docker parses it into
# from.tag_version.
tag_version(tag) := {"major": to_number(m[1]), "minor": to_number(m[2]), "text": m[0]} if {
	m := regex.find_all_string_submatch_n(`^([0-9]+)\.([0-9]+)(\.[0-9]+)?`, tag, 1)[0]
} else := null

doc(s, args) := {"final_stage": 0, "args": args, "stages": [s]}

go_version_arg(value, provided) := {
	"name": "GO_VERSION", "default": value, "value": value, "provided": provided,
	"line": 1, "end_line": 1, "original": sprintf("ARG GO_VERSION=%s", [value]),
}

test_guide_from_fires_with_edit if {
	s := stage("FROM golang:1.21-alpine AS builder", golang("golang:1.21-alpine", "1.21-alpine"))
	some f in go_version_unsupported.deny with input as doc(s, [])
	f.line == 4
	f.msg == "Go 1.21 (golang:1.21-alpine) is past end of support; supported: 1.27, 1.26"
	f.edits == [{"line": 4, "column": 0, "end_line": 4, "end_column": 0, "text": "FROM golang:1.27-alpine AS builder"}]
}

test_version_from_arg_edits_the_arg if {
	s := stage("FROM golang:${GO_VERSION}-alpine AS builder", golang("golang:${GO_VERSION}-alpine", "1.21-alpine"))
	some f in go_version_unsupported.deny with input as doc(s, [go_version_arg("1.21", false)])
	contains(f.msg, "from ARG GO_VERSION on line 1")
	f.edits == [{"line": 1, "column": 0, "end_line": 1, "end_column": 0, "text": "ARG GO_VERSION=1.27"}]
}

test_version_from_build_arg_has_no_edit if {
	s := stage("FROM golang:${GO_VERSION}", golang("golang:${GO_VERSION}", "1.20.14"))
	a := object.union(go_version_arg("1.27", true), {"value": "1.20.14"})
	some f in go_version_unsupported.deny with input as doc(s, [a])
	contains(f.msg, "Go 1.20.14")
	contains(f.msg, "from --build-arg GO_VERSION")
	f.fix == "Pass a supported Go release: `--build-arg GO_VERSION=1.27`."
	not f.edits
}

test_minor_compares_numerically if {
	s := stage("FROM golang:1.9 AS builder", golang("golang:1.9", "1.9"))
	some f in go_version_unsupported.deny with input as doc(s, [])
	f.edits[0].text == "FROM golang:1.27 AS builder"
}

test_pinned_digest_has_no_edit if {
	from := object.union(golang("golang:1.21-alpine@sha256:abc", "1.21-alpine"), {"digest": "sha256:abc"})
	s := stage("FROM golang:1.21-alpine@sha256:abc AS builder", from)
	some f in go_version_unsupported.deny with input as doc(s, [])
	not f.edits
	contains(f.fix, "digest")
}

test_supported_and_newer_are_quiet if {
	count(go_version_unsupported.deny) == 0 with input as doc(stage("FROM golang:1.26-alpine", golang("golang:1.26-alpine", "1.26-alpine")), [])
	count(go_version_unsupported.deny) == 0 with input as doc(stage("FROM golang:1.28rc1", golang("golang:1.28rc1", "1.28rc1")), [])
}

test_tags_without_version_are_quiet if {
	count(go_version_unsupported.deny) == 0 with input as doc(stage("FROM golang:alpine", golang("golang:alpine", "alpine")), [])
	count(go_version_unsupported.deny) == 0 with input as doc(stage("FROM golang", golang("golang", "")), [])
}

test_other_images_are_quiet if {
	from := {
		"original": "node:18", "image": "node:18", "name": "node", "tag": "18.1", "digest": "", "stage": null, "unresolved": [],
		"tag_version": tag_version("18.1"),
	}
	count(go_version_unsupported.deny) == 0 with input as doc(stage("FROM node:18.1", from), [])
}

# golang:1.27-alpine3.19 does not exist: the fix keeps the family.
test_missing_variant_becomes_its_family if {
	s := stage("FROM golang:1.22-alpine3.19 AS builder", golang("golang:1.22-alpine3.19", "1.22-alpine3.19"))
	some f in go_version_unsupported.deny with input as doc(s, [])
	f.edits == [{"line": 4, "column": 0, "end_line": 4, "end_column": 0, "text": "FROM golang:1.27-alpine AS builder"}]
	contains(f.fix, "golang:1.27-alpine3.19 is not published")
}

test_published_variant_is_kept if {
	s := stage("FROM golang:1.22-alpine3.24 AS builder", golang("golang:1.22-alpine3.24", "1.22-alpine3.24"))
	some f in go_version_unsupported.deny with input as doc(s, [])
	f.edits[0].text == "FROM golang:1.27-alpine3.24 AS builder"
}

test_old_debian_becomes_bookworm if {
	s := stage("FROM golang:1.19-bullseye AS builder", golang("golang:1.19-bullseye", "1.19-bullseye"))
	some f in go_version_unsupported.deny with input as doc(s, [])
	f.edits[0].text == "FROM golang:1.27-bookworm AS builder"
}

# The version comes from an ARG, the variant from the FROM line: changing
# the ARG alone would name an image that does not exist.
test_arg_with_missing_variant_has_no_edit if {
	s := stage("FROM golang:${GO_VERSION}-alpine3.19 AS builder", golang("golang:${GO_VERSION}-alpine3.19", "1.21-alpine3.19"))
	some f in go_version_unsupported.deny with input as doc(s, [go_version_arg("1.21", false)])
	not f.edits
}
