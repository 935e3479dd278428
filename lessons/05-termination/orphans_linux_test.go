package termination_test

import (
	"syscall"
)

// prSetChildSubreaper is Linux's PR_SET_CHILD_SUBREAPER.
const prSetChildSubreaper = 36

// adoptOrphans makes this test binary the subreaper of everything it
// starts: a process whose parent dies is handed to it, not to init, so a
// descendant left running (or never waited for) shows as its child, which
// the package's leak check lists; and a test can wait for an orphan.
func adoptOrphans() {
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		panic("termination tests: prctl(PR_SET_CHILD_SUBREAPER): " + errno.Error())
	}
}

// adopts reports whether orphans come to this process.
const adopts = true
