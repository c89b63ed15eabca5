package policy

import (
	"os/exec"
	"syscall"
)

// setDeathSignal kills a worker when golint-docker dies, however it dies.
func setDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
