package exercise

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/gophertutor/concurrency/internal/children"
)

// ProcessSnapshot remembers which child processes were alive before the
// learner's code ran, so that a check blames only the ones that code left
// behind: Snapshot's twin for processes.
type ProcessSnapshot struct {
	before []int
}

// ProcessSnapshot records the child processes alive now.
func (c *C) ProcessSnapshot() ProcessSnapshot {
	kids, _ := children.List()
	s := ProcessSnapshot{before: make([]int, len(kids))}
	for i, k := range kids {
		s.before[i] = k.PID
	}
	return s
}

// Left lists the child processes started since s that are still there
// (zombies included: a child nobody waited for).
func (s ProcessSnapshot) Left() []children.Child {
	kids, _ := children.List()
	return slices.DeleteFunc(kids, func(k children.Child) bool { return slices.Contains(s.before, k.PID) })
}

// Reap kills and waits for the children started since s: a check defers
// it, so that an answer it gave up on leaves nothing running.
func (s ProcessSnapshot) Reap() { children.Reap(s.Left()) }

// NoProcessesLeft fails the check if left, the children the learner's code
// left (s.Left(), listed when it returned, perhaps while the check still
// held what it holds), is not empty, after killing and waiting for them.
// what names the learner's function; likely explains the usual cause.
func (c *C) NoProcessesLeft(left []children.Child, what, likely string) {
	if len(left) == 0 {
		return
	}
	children.Reap(left)
	c.Fail(Mistake{
		Expected: "no child process left once " + what + " returns",
		Got:      fmt.Sprintf("%d left behind:\n%s", len(left), children.Describe(left)),
		Likely:   likely,
	})
}

// IsPermutation reports whether a and b hold the same elements, each as
// many times, in any order: the results are all there, perhaps in another
// order than asked.
func IsPermutation[T cmp.Ordered](a, b []T) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
