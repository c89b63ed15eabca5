# Names everywhere; a number that names no stage is another rule's business.
FROM golang:1.27-alpine AS deps
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download

FROM deps AS build
COPY . .
RUN --mount=type=bind,from=deps,source=/go/pkg/mod,target=/go/pkg/mod \
    CGO_ENABLED=0 go build -o /out/app .

FROM scratch
COPY --from=build /out/app /app
COPY --from=7 /etc/passwd /etc/passwd
ENTRYPOINT ["/app"]
