# The user is created in the builder, but /etc/passwd is never copied into
# scratch: the name cannot be resolved when the container starts.
FROM golang:1.25-alpine AS build
RUN addgroup -S -g 10001 svc && adduser -S -u 10001 -G svc svc
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/svc .

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build --chmod=0555 /out/svc /svc
# want: user-without-passwd "`USER svc:svc` on line \d+ names the user "svc", which the final image \(scratch\) does not have"
USER svc:svc
ENTRYPOINT ["/svc"]
