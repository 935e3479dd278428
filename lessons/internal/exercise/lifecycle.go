package exercise

import (
	"fmt"
	"os"
	"sync"

	"github.com/gophertutor/concurrency/lessons/internal/childhook"
)

// Lifecycle hears, from lesson 01's library, of every child the learner's
// code starts and of every child that has exited and been waited for. As a
// child starts it notes this process's working directory and GOMAXPROCS
// variable, which the child inherits: code that changes them for a child
// and back afterwards has changed them for this whole process meanwhile,
// and the check sees it without racing it.
//
// Watching late, it also notes every child reaped after the learner's
// function returned: one it did not wait for, however soon it exited (a
// pool closed but never joined, a process started and never waited for).
// As a child is reaped it lets the answer settle first, so that one that
// waits for it is seen waiting, on a busy machine or an idle one.
type Lifecycle struct {
	restore func()
	c       *C // nil unless watching late

	mu   sync.Mutex
	dirs []string // this process's working directory as each child started
	envs []string // its GOMAXPROCS variable then
	told map[int]bool
	late []int // children reaped after the answer returned
}

// WatchChildren starts a Lifecycle. With late, it notes the children
// reaped after the learner's function returned, for NotWaited; without,
// it only notes (a round in which the answer may rightly return first, a
// cancelled one). Stop it before the next Call.
func (c *C) WatchChildren(late bool) *Lifecycle {
	l := &Lifecycle{told: map[int]bool{}}
	if late {
		l.c = c
	}
	l.restore = childhook.Set(childhook.Hooks{
		Reaped: l.reaped,
		Starting: func() {
			dir, _ := os.Getwd()
			l.mu.Lock()
			defer l.mu.Unlock()
			l.dirs = append(l.dirs, dir)
			l.envs = append(l.envs, os.Getenv("GOMAXPROCS"))
		},
		Told: func(pid int) {
			l.mu.Lock()
			defer l.mu.Unlock()
			l.told[pid] = true
		},
	})
	return l
}

func (l *Lifecycle) reaped(pid int) {
	if l.c == nil {
		return
	}
	if !l.c.Returned() {
		l.c.Settle()
	}
	if l.c.Returned() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.late = append(l.late, pid)
	}
}

// unwaited waits, at most one patience, until the children the answer
// started since before are gone, and lists those reaped after it returned.
func (l *Lifecycle) unwaited(before ProcessSnapshot) []int {
	if l.c == nil {
		return nil
	}
	l.c.Await(func() bool { return len(before.Left()) == 0 })
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]int(nil), l.late...)
}

// NotWaited fails the check if the learner's function returned before a
// child it started had exited and been waited for. likely explains the
// usual cause ("" for a general one).
func (l *Lifecycle) NotWaited(before ProcessSnapshot, what, likely string) {
	if likely == "" {
		likely = "a child was never waited for: Wait for every process you Start; a processes.Pool's workers " +
			"are waited for by pool.Join, after pool.Close (Close alone does not wait)"
	}
	if late := l.unwaited(before); len(late) > 0 {
		l.c.Fail(Mistake{
			Expected: what + " to return once every child it started has exited and been waited for",
			Got:      fmt.Sprintf("%d exited after it returned (pids %v)", len(late), late),
			Likely:   likely,
		})
	}
}

// Stop stops listening. It may be called again.
func (l *Lifecycle) Stop() { l.restore() }

// StartedIn lists the working directories this process had as children
// started, and its GOMAXPROCS variables.
func (l *Lifecycle) StartedIn() (dirs, envs []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.dirs...), append([]string(nil), l.envs...)
}

// Gone reports whether every one of pids has exited and whoever waited for
// it (Process.Wait) has heard.
func (l *Lifecycle) Gone(pids ...int) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, pid := range pids {
		if !l.told[pid] {
			return false
		}
	}
	return true
}
