# JSON mistakes in COPY, VOLUME and a multi-line RUN.
FROM golang:1.27-bookworm AS build
WORKDIR /src
# want: json-form-invalid
COPY ["go.mod", "go.sum", "./",]
RUN go mod download
COPY . .
# want: json-form-invalid
RUN ["go", "build", "-trimpath", \
     "-o", "/out/worker", "./cmd/worker",]

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/worker /worker
# want: json-form-invalid
VOLUME ['/var/lib/worker']
# The final image has no shell: this check cannot run at all.
# want: json-form-invalid
HEALTHCHECK CMD ["/worker", "healthcheck"] && echo ok
ENTRYPOINT ["/worker"]
