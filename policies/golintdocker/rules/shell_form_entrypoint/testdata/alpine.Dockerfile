# Alpine has a shell, so shell form runs, but the shell is PID 1: a warning.
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/api ./cmd/api

FROM alpine:3.22
COPY --from=build /out/api /usr/local/bin/api
ENV PORT=8080
EXPOSE 8080
# A CMD in a stage the final image is not: the final CMD wins.
CMD ["/usr/local/bin/api"]
# want: shell-form-entrypoint "CMD /usr/local/bin/api --addr=:\$PORT \(and there is no ENTRYPOINT\) is in shell form"
CMD /usr/local/bin/api --addr=:$PORT
