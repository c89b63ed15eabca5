# syntax=docker/dockerfile:1
# test-options: context=discover
# The download has a RUN of its own right after COPY . .: the fix moves
# COPY . . below it, and the RUN stays as written (mount, flags, comment).
FROM golang:1.26 AS api
WORKDIR /src
# want: go-mod-download-order "`go mod download` runs only on line \d+, after `COPY . .` on line \d+"
COPY . .
# The modules go into the cache the build mounts too.
RUN --mount=type=cache,target=/go/pkg/mod \
    GOFLAGS=-modcacherw go mod download -x
RUN --mount=type=cache,target=/go/pkg/mod \
    CGO_ENABLED=0 go build -o /out/api ./cmd/api

# go.mod is copied already: only COPY . . moves.
FROM golang:1.26 AS worker
WORKDIR /src
COPY go.mod go.sum ./
# want: go-mod-download-order "`go mod download` runs only on line \d+, after `COPY . .` on line \d+"
COPY . .
RUN go mod download
RUN CGO_ENABLED=0 go build -o /out/worker ./cmd/worker

# The download shares its RUN with the build: the fix inserts a download
# step before COPY . . and leaves that RUN as it is.
FROM golang:1.26 AS cli
WORKDIR /src
# want: go-mod-download-order "`go mod download` runs only on line \d+, after `COPY . .` on line \d+"
COPY . .
RUN go mod download && CGO_ENABLED=0 go build -o /out/cli ./cmd/cli

# The download needs a setting made after COPY . .: moved or inserted
# above it, it would run without GOPRIVATE. No edit, only the advice.
FROM golang:1.26 AS jobs
WORKDIR /src
# want: go-mod-download-order "`go mod download` runs only on line \d+, after `COPY . .` on line \d+"
COPY . .
ENV GOPRIVATE=github.com/example/*
RUN go mod download
RUN CGO_ENABLED=0 go build -o /out/jobs ./cmd/jobs

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=api /out/api /api
COPY --from=worker /out/worker /worker
COPY --from=cli /out/cli /cli
COPY --from=jobs /out/jobs /jobs
ENTRYPOINT ["/api"]
