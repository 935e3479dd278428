package check

import (
	"fmt"
	"os"
	"strings"
	"syscall"

	"github.com/gophertutor/concurrency/internal/fds"
)

// dupPipeTo finds this process's descriptor for the pipe that is the
// child's fd 4 (where a child of lesson 01's library reads what its parent
// sends) and returns a copy of it (close-on-exec, so that no program
// started later inherits it), or -1.
func dupPipeTo(pid int) int {
	target, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/4", pid))
	if err != nil || !strings.HasPrefix(target, "pipe:") {
		return -1
	}
	open, err := fds.Open()
	if err != nil {
		return -1
	}
	for _, fd := range open {
		if fds.Describe(fd) != target {
			continue
		}
		dup, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_DUPFD_CLOEXEC, 0)
		if errno != 0 {
			return -1
		}
		return int(dup)
	}
	return -1
}

// openPipeFrom opens a write end of the pipe that is the child's fd 3
// (where a child of lesson 01's library writes to its parent), through
// /proc, and returns it (close-on-exec, and never written to), or -1. While
// it is open, the parent's reader of that pipe sees no end-of-file, even
// once the child is gone.
func openPipeFrom(pid int) int {
	path := fmt.Sprintf("/proc/%d/fd/3", pid)
	if target, err := os.Readlink(path); err != nil || !strings.HasPrefix(target, "pipe:") {
		return -1
	}
	// O_NONBLOCK: opening a pipe for writing must not wait for a reader
	// (the parent is one, but should it be gone, the open fails instead).
	fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return -1
	}
	return fd
}

func closeFD(fd int) { _ = syscall.Close(fd) }
