# METADATA
# title: Final image has no HEALTHCHECK
# description: |
#   Without a HEALTHCHECK, Docker (and Compose, Swarm, ECS) only knows that
#   the process is running, not that it serves: a deadlocked or wedged Go
#   server stays "up". The guide adds one with --interval, --timeout,
#   --start-period and --retries. Kubernetes ignores HEALTHCHECK and uses
#   probes instead; there, `HEALTHCHECK NONE` documents the choice. Checked
#   on runtime images that serve (EXPOSE, a listening flag, a server base
#   image). Off by default, since a Dockerfile does not say whether Docker or
#   Kubernetes runs it.
# schemas:
#   - input: schema.input
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#no-healthcheck
# custom:
#   id: GD017
#   severity: info
#   default: off
#   guide: "1.10"
#   since: 0.1.0
#   fix: Add a HEALTHCHECK that runs in the final image, e.g. `HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD ["/main", "-healthcheck"]`, or `HEALTHCHECK NONE` when the orchestrator probes instead.
#   bad: |
#     FROM gcr.io/distroless/static-debian12:nonroot
#     COPY --from=builder /app/main /main
#     ENTRYPOINT ["/main"]
#   good: |
#     FROM gcr.io/distroless/static-debian12:nonroot
#     COPY --from=builder /app/main /main
#     HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD ["/main", "-healthcheck"]
#     ENTRYPOINT ["/main"]
package golintdocker.rules.no_healthcheck

import data.golintdocker.lib.findings
import data.golintdocker.lib.images

# A runtime image that serves (EXPOSE, a listening flag, a server base
# image) and has no HEALTHCHECK, outside Kubernetes (whose kubelet ignores
# HEALTHCHECK and probes instead).
deny contains finding if {
	some s in images.linux_runtime
	s.healthcheck == null
	count(s.serves) > 0
	not kubernetes
	msg := sprintf(
		"%s serves (%s) but has no HEALTHCHECK: Docker only knows that the process is running, not that it serves",
		[images.label(s), concat(", ", s.serves)],
	)
	finding := findings.at_from(s, msg, fix(s))
}

# Deployed to Kubernetes, by the file's path or the program's role.
kubernetes if regex.match(`(?i)(^|[/_.-])(k8s|kubernetes|kube|operator|controller|helm|charts?)([/_.-]|$)`, input.file)

fix(s) := sprintf("Add a HEALTHCHECK that probes the service: `HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD %s` (or, in an image without a shell or wget, a health subcommand of the binary run in exec form), or `HEALTHCHECK NONE` when an orchestrator probes it instead.", [probe]) if {
	images.has_fact(s, "wget")
	probe := "wget -qO- http://localhost:<port>/<health path> || exit 1"
} else := "Add a HEALTHCHECK that probes the service (in an image without a shell or wget: a health subcommand of the binary, or a small static probe such as grpc-health-probe, copied in and run in exec form: `HEALTHCHECK --interval=30s --timeout=3s CMD [\"/bin/probe\", ...]`), or `HEALTHCHECK NONE` when an orchestrator probes it instead."
