# A development container (the kind .devcontainer/ or Tilt builds): people
# work in it as root on purpose; it never ships.
FROM golang:1.27 AS dev
RUN apt-get update && apt-get install -y --no-install-recommends git make \
 && rm -rf /var/lib/apt/lists/*
RUN go install github.com/go-delve/delve/cmd/dlv@v1.25.0 \
 && go install github.com/air-verse/air@v1.61.7
WORKDIR /workspace
CMD ["air"]
