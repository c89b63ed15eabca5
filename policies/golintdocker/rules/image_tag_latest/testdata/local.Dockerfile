# A dev image on top of images the project builds itself first
# (docker build -t argocd-base -f Dockerfile.base . and
# docker build -t argocd-test-tools:latest hack/): a bare name that is no
# Docker Hub official image cannot be pulled, so its tag is the project's
# own business. Official and namespaced images still float.
FROM argocd-base AS dev
COPY --from=argocd-test-tools:latest /usr/local/bin/ /usr/local/bin/
RUN --mount=type=bind,from=argocd-test-tools:latest,source=/usr/local/bin/helm,target=/helm \
    cp /helm /usr/local/bin/helm

# want: image-tag-latest "FROM ubuntu:latest is tagged latest, so it floats"
FROM ubuntu:latest AS tools
# want: image-tag-latest "COPY --from=gitpod/workspace-python has no tag, so it floats"
COPY --from=gitpod/workspace-python /home/gitpod/.pyenv /opt/pyenv

FROM dev
COPY --from=tools /usr/bin/git /usr/bin/git
USER 999
ENTRYPOINT ["/usr/local/bin/argocd"]
