# An old cross-compiling image that installs gox with `go get`: on Go 1.18
# and later that installs nothing outside a module, so the newer tag alone
# would break the build. The finding stays, without an edit.
# want: go-version-unsupported "Go 1.16 \(golang:1.16\) is past end of support"
FROM golang:1.16
RUN go get github.com/mitchellh/gox
WORKDIR /go/src/github.com/example/tool
COPY . .
RUN gox -osarch="linux/amd64 darwin/amd64" -output="dist/{{.OS}}_{{.Arch}}/tool" ./cmd/tool
