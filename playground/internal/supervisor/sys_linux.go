package supervisor

import "syscall"

// sysProcAttr puts the worker in its own process group, so that the
// supervisor can end it with everything it started, and has the kernel
// kill it if the supervisor dies first.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
