# A dev container: the vscode user uses sudo on purpose.
FROM mcr.microsoft.com/devcontainers/go:1.26
USER vscode
RUN sudo apt-get update && sudo apt-get install -y --no-install-recommends graphviz \
 && sudo rm -rf /var/lib/apt/lists/*
