# Shell form in distroless: there is no /bin/sh to run it with.
FROM golang:1.25 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
USER nonroot
# want: healthcheck-cannot-run "HEALTHCHECK on line \d+ is in shell form, so Docker runs it with /bin/sh -c, but the final image \(gcr.io/distroless/static-debian12\) has no shell"
HEALTHCHECK CMD /app -healthcheck
ENTRYPOINT ["/app"]
