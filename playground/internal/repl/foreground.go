package repl

import (
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/sys/unix"
)

// foreground gives a compiled program the terminal when its standard
// input is the terminal the playground runs in the foreground of: the
// program's process group becomes the terminal's foreground group, so
// that it may read the terminal (a background group that reads it is
// stopped by SIGTTIN) and gets Ctrl-C from it, as under go run. The
// returned function takes the terminal back.
func foreground(attr *syscall.SysProcAttr, stdin any) (takeBack func()) {
	f, ok := stdin.(*os.File)
	if !ok {
		return func() {}
	}
	fd := int(f.Fd())
	pgrp, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP)
	if err != nil || pgrp != syscall.Getpgrp() {
		return func() {} // not a terminal, or not ours to give
	}
	attr.Foreground, attr.Ctty = true, fd
	return func() {
		// A process of a background group that sets the foreground
		// group is sent SIGTTOU, which stops it unless ignored.
		signal.Ignore(syscall.SIGTTOU)
		defer signal.Reset(syscall.SIGTTOU)
		_ = unix.IoctlSetPointerInt(fd, unix.TIOCSPGRP, pgrp)
	}
}
