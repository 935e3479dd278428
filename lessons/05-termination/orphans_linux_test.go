package termination_test

import (
	"syscall"
	"testing"
)

// prSetChildSubreaper is Linux's PR_SET_CHILD_SUBREAPER.
const prSetChildSubreaper = 36

// adoptOrphans makes this test binary, for the rest of test t, the
// subreaper of everything it starts: a process whose parent dies is handed
// to it, not to init, so a descendant left running (or never waited for)
// shows as its child, and a test can wait for an orphan. When t ends, it
// stops adopting, and reaps what it adopted. It reports whether it could.
func adoptOrphans(t *testing.T) bool {
	t.Helper()
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		t.Logf("prctl(PR_SET_CHILD_SUBREAPER): %v: orphans go to init", errno)
		return false
	}
	t.Cleanup(func() {
		_, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 0, 0)
	})
	return true
}
