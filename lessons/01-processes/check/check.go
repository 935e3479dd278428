// Package check holds the checks of lesson 01's exercises. The learner's
// stubs (lessons/01-processes/exercises) and the reference solutions
// (solutions/01-processes) run the same checks; check_test.go shows each
// check rejecting the classic wrong answers.
//
// The functions the checks hand to the learner's code run in child
// processes and carry a Probe: through queues back to the check, they
// report when they start and wait there until the check lets them go. That
// is how a check proves, across processes, that calls ran at the same time:
// a barrier that only opens when enough of them are running at once.
package check

import (
	"runtime"
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

const readme = "lessons/01-processes/README.md"

// All lists the lesson's exercises in order.
func All() []exercise.Info {
	return []exercise.Info{CountPrimes.Info, TaskQueue.Info, RunAll.Info, GreetAll.Info}
}

// Main is the TestMain of lesson 01's exercise and solution packages. It
// lets the child processes the exercises start (the test binary, started
// again) run their functions, runs the tests, and fails the package if a
// test left a goroutine or a child process behind.
func Main(m *testing.M) {
	processes.RunChildIfRequested()
	lessontest.Main(m)
}

// notNumCPU is n, or n+1 on a machine with n CPUs: the number of workers a
// check asks for is never runtime.NumCPU(), so that an answer that sizes its
// pool by the machine instead of the workers argument is seen on every
// machine, not only on those with another number of CPUs.
func notNumCPU(n int) int {
	if runtime.NumCPU() == n {
		return n + 1
	}
	return n
}

// waitFrame is the frame of a goroutine waiting in Process.Wait, mapFrame
// of one in processes.Map.
const (
	waitFrame = ".(*Process[...]).Wait("
	mapFrame  = ".Map[...]("
)

// stillWaiting reports whether, once the learner's function has returned
// and its goroutines have gone as far as they can (a goroutine just started
// may not have reached Wait yet), goroutines of its code wait in
// Process.Wait: goroutines it started and never waited for (no WaitGroup,
// or wg.Add inside the goroutine, which Wait can pass before the goroutines
// have added). Call it while the check still holds a process.
func stillWaiting(c *exercise.C) bool { return stillIn(c, waitFrame) }

// stillIn is stillWaiting for goroutines in any of frames.
func stillIn(c *exercise.C, frames ...string) bool {
	c.Settle()
	n := 0
	for _, f := range frames {
		n += c.Learners(f)
	}
	return n > 0
}

// unwaitedGoroutines is the likely mistake of an answer that returned while
// goroutines of its own were still waiting for processes.
func unwaitedGoroutines(fn string) string {
	return fn + " returned while goroutines it started were still waiting for their processes: wait for every goroutine " +
		"before returning (sync.WaitGroup: wg.Add(1) before the go statement, not inside it, or wg.Go), or need none: " +
		"start every process in one loop, Wait for each in a second"
}
