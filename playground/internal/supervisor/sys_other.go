//go:build !linux

package supervisor

import "syscall"

// sysProcAttr puts the worker in its own process group, so that the
// supervisor can end it with everything it started. (Outside Linux there
// is no parent-death signal: a worker notices its supervisor is gone when
// its request pipe closes.)
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
