# METADATA
# title: Final image has no HEALTHCHECK
# description: |
#   Without a HEALTHCHECK, Docker (and Compose, Swarm, ECS) only knows that
#   the process is running, not that it serves: a deadlocked or wedged Go
#   server stays "up". The guide adds one with --interval, --timeout,
#   --start-period and --retries. Kubernetes ignores HEALTHCHECK and uses
#   probes instead; there, `HEALTHCHECK NONE` documents the choice.
# related_resources:
#   - ref: https://github.com/golint-docker/golint-docker/blob/main/docs/rules.md#no-healthcheck
# custom:
#   id: GD017
#   severity: info
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

import data.golintdocker.lib

deny contains finding if {
	lib.final.healthcheck == null
	runs
	msg := sprintf(
		"the final image (%s) runs %s but has no HEALTHCHECK: Docker only knows that the process is running, not that it serves",
		[lib.base_name(lib.final), program],
	)
	finding := lib.final_from_finding(msg, fix)
}

runs if lib.final.entrypoint != null

runs if lib.final.cmd != null

# What the image runs, for the message: the first exec-form word of the
# ENTRYPOINT, else of the CMD.
program := sprintf("`%s`", [exec_word(lib.final.entrypoint)]) if {
	exec_word(lib.final.entrypoint)
} else := sprintf("`%s`", [exec_word(lib.final.cmd)]) if {
	exec_word(lib.final.cmd)
} else := "a program"

exec_word(ref) := i.args[0] if {
	ref != null
	i := lib.instruction_at(ref)
	i.form == "exec"
	count(i.args) > 0
}

fix := sprintf("Add a HEALTHCHECK that runs in this image, e.g. `HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 CMD [%q, \"-healthcheck\"]` (the binary checks itself), or `HEALTHCHECK NONE` when Kubernetes probes it instead.", [binary]) if {
	binary := entry_binary
} else := "Add a HEALTHCHECK that runs in this image (the binary checking itself, e.g. CMD [\"/main\", \"-healthcheck\"]), or `HEALTHCHECK NONE` when Kubernetes probes it instead."

entry_binary := b if {
	b := exec_word(lib.final.entrypoint)
	startswith(b, "/")
}
