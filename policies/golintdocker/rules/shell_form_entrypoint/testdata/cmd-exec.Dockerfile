# A test container that waits to be stopped: `exec` replaces the shell, so the
# program is PID 1 and gets SIGTERM (its trap handles it), and a CMD has no
# arguments to lose. The image has a shell: nothing to report.
FROM alpine:3.22
COPY --chmod=0755 wait-for-stop.sh /usr/local/bin/
CMD exec sh -c "trap : TERM INT; echo ready && tail -f /dev/null & wait"
