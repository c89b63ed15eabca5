# JSON mistakes in COPY, VOLUME and a multi-line RUN.
FROM golang:1.27-bookworm AS build
WORKDIR /src
# want: json-form-invalid "COPY on line \d+ looks like exec form but is not valid JSON \(a trailing comma before \]\), so BuildKit splits it on spaces and takes `\["go.mod",` as the first source"
COPY ["go.mod", "go.sum", "./",]
RUN go mod download
COPY . .
# want: json-form-invalid "RUN on line \d+ looks like exec form but is not valid JSON \(a trailing comma before \]\), so BuildKit runs it in shell form"
RUN ["go", "build", "-trimpath", \
     "-o", "/out/worker", "./cmd/worker",]

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/worker /worker
# want: json-form-invalid "VOLUME on line \d+ looks like exec form but is not valid JSON \(single quotes instead of double quotes\), so BuildKit splits it on spaces and declares `\['/var/lib/worker'\]` as a volume"
VOLUME ['/var/lib/worker']
# The final image has no shell: this check cannot run at all.
# want: json-form-invalid "HEALTHCHECK on line \d+ looks like exec form but is not valid JSON \(text after the closing \]"
HEALTHCHECK CMD ["/worker", "healthcheck"] && echo ok
ENTRYPOINT ["/worker"]
