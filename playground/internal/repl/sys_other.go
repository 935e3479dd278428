//go:build !linux

package repl

import "syscall"

// programAttr puts a compiled program in its own process group, which
// Ctrl-C's signal is relayed to.
func programAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
