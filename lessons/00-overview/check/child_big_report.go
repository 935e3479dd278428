package check

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/gophertutor/concurrency/internal/children"
	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// quietEnv, in a child's environment, sends the child's prints to
// /dev/null: the big report's thousands of "square: n" lines would bury
// the test's output. Exercise 2's check sets it while it calls
// SquaresInChild for the big report.
const quietEnv = "OVERVIEW_CHECK_QUIET_CHILD"

// bigNumbers are enough numbers that the child's report (a result and a
// span per number) is several times a pipe's buffer (64 KiB on Linux):
// the child blocks writing it until the parent reads.
var bigNumbers = func() []int {
	nums := make([]int, 5000)
	for i := range nums {
		nums[i] = (i*7919)%5000 + 1
	}
	return nums
}()

// checkBigReport calls SquaresInChild with a report too big for the pipe's
// buffer. An answer that waits for the child (cmd.Wait) before it reads the
// pipe passes with a small report, which fits in the buffer, and hangs with
// this one: the child waits for the parent to read, the parent for the
// child to exit.
func checkBigReport(c *exercise.C, impl SquaresInChildFunc) {
	os.Setenv(quietEnv, "1") // the children this call starts inherit it
	defer os.Unsetenv(quietEnv)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // kills a child that the answer deadlocked with, so the answer returns

	what := fmt.Sprintf("SquaresInChild(ctx, %d numbers)", len(bigNumbers))
	var (
		rep overview.Report
		err error
	)
	c.CallExplained(what, func() string {
		if c.Learners("os/exec.(*Cmd).Wait(") > 0 {
			return "cmd.Wait() runs before the report is read: the report is bigger than the pipe's buffer (64 KiB), so the " +
				"child blocks writing it until the parent reads, and the parent waits for the child to exit: neither moves. " +
				"Read (decode) the report first, then cmd.Wait() (a small report fits in the buffer, which is why it seemed to work)"
		}
		return "it waits for the child's report forever: read the whole report from the pipe, then cmd.Wait()"
	}, func() { rep, err = impl(ctx, slices.Clone(bigNumbers)) })
	noChildLeft(c, "no child process left once SquaresInChild returns",
		"the child was started but never waited for: read its report, then cmd.Wait() "+
			"(one in a goroutine that nobody waits for counts as none)")
	want := loop(bigNumbers, square)
	switch {
	case err != nil:
		c.Fail(exercise.Mistake{
			Expected: what + " to succeed",
			Got:      "it returned the error: " + err.Error(),
			Likely: "a report this big (several times the pipe's buffer) comes in many reads: decode it with gob.NewDecoder(r).Decode, " +
				"which reads until the value is whole, or io.ReadAll the pipe, not one Read into a fixed buffer",
		})
	case !slices.Equal(rep.Results, want):
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("the child's %d squares back in the parent, in order", len(want)),
			Got:      fmt.Sprintf("%d results", len(rep.Results)),
			Likely:   "decode the whole Report the child writes to the pipe",
		})
	}
}

// noChildLeft fails the check, with expected and likely, if a child
// process is left: it is reaped first, so that nothing outlives the check.
func noChildLeft(c *exercise.C, expected, likely string) {
	if kids, err := children.List(); err == nil && len(kids) > 0 {
		children.Reap(kids)
		c.Fail(exercise.Mistake{Expected: expected, Got: "it left a child behind:\n" + children.Describe(kids), Likely: likely})
	}
}
