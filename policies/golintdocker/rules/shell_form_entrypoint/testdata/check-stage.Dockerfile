# A CI stage that checks generated code is current: it runs once and exits,
# so a shell as PID 1 stops nothing.
FROM golang:1.26 AS generate
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.6
WORKDIR /proto
COPY proto/ .
RUN protoc --go_out=. api.proto

FROM generate AS compare
COPY pkg/api/ /compare/
CMD cmp /proto/api.pb.go /compare/api.pb.go && echo "generated code is current"
