package repl

import "syscall"

// programAttr puts a compiled program in its own process group, which
// Ctrl-C's signal is relayed to, and has the kernel kill it if the
// playground dies first.
func programAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
