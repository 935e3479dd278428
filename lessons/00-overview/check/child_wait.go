package check

import (
	"context"
	"os"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/gophertutor/concurrency/internal/children"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// waitFrame is the frame of a goroutine waiting for a child to exit
// (cmd.Wait, or the os.Process under it).
const waitFrame = "os.(*Process).wait("

// unownedWait is the likely mistake of an answer that leaves cmd.Wait() to a
// goroutine of its own and returns without waiting for that goroutine.
const unownedWait = "nothing waited for the child before the return: a cmd.Wait() in a goroutine that nobody waits for " +
	"(go cmd.Wait()) does not count. Read the report, then call cmd.Wait() yourself, and return its error"

// checkChildWaited calls SquaresInChild with a child that stays on after
// its report (lingerChild), until the answer's own goroutine waits for it
// (or one patience has passed). An answer that returns once it has the
// report, and leaves cmd.Wait() to a goroutine that nobody waits for,
// returns while the child still runs: with a child that exits at once, the
// goroutine has often reaped it by the time anyone looks.
func checkChildWaited(c *exercise.C, impl SquaresInChildFunc) {
	hold, err := holdChildren()
	if err != nil {
		return // no Unix socket here: the other runs have checked the wait as far as they can
	}
	defer hold.close()
	os.Setenv(lingerEnv, hold.path()) // the children this call starts inherit it
	defer os.Unsetenv(lingerEnv)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	began := make(chan struct{})
	var released atomic.Bool
	var helper sync.WaitGroup
	defer helper.Wait()
	helper.Go(func() {
		<-began
		if c.AwaitCallerItselfIn(waitFrame) != exercise.CallerReturned {
			released.Store(true) // it waits (or is taking its time): let the child finish
			hold.release()
		}
	})
	what := "SquaresInChild(ctx, [2 3 8 9]) with a child that has more to do after its report"
	c.Call(what, "it never returns once the child has sent its report: does it wait for something the child never sends?",
		func() {
			close(began)
			_, _ = impl(ctx, slices.Clone(seedNumbers))
		})
	helper.Wait()
	if released.Load() {
		return
	}
	if kids, listErr := children.List(); listErr == nil && len(kids) > 0 {
		children.Reap(kids)
		c.Fail(exercise.Mistake{
			Expected: "SquaresInChild to return once its child has exited",
			Got:      "it returned as soon as it had the report, while the child still ran:\n" + children.Describe(kids),
			Likely:   unownedWait,
		})
	}
}

// checkChildCancelled cancels ctx while SquaresInChild waits for a child
// that would otherwise never exit (held after its report until the check
// ends): the answer must return, its child killed. One that starts the
// child with a context of its own (context.Background()) waits for ever.
func checkChildCancelled(c *exercise.C, impl SquaresInChildFunc) {
	hold, err := holdChildren()
	if err != nil {
		return
	}
	defer hold.close() // lets go of a child that nothing killed, so that the answer returns
	os.Setenv(lingerEnv, hold.path())
	defer os.Unsetenv(lingerEnv)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	began := make(chan struct{})
	var helper sync.WaitGroup
	defer helper.Wait()
	helper.Go(func() {
		<-began
		c.AwaitCallerIn(waitFrame) // at most one patience
		cancel()
	})
	what := "SquaresInChild(ctx, [2 3 8 9]) with ctx cancelled while it waits"
	c.Call(what, "it does not return when ctx is cancelled: the child (which had more to do after its report) was never "+
		"killed. Pass ctx to overview.ChildCommand: the command it makes with exec.CommandContext kills the child once "+
		"ctx is done, and cmd.Wait() then returns",
		func() {
			close(began)
			_, _ = impl(ctx, slices.Clone(seedNumbers))
		})
	noChildLeft(c, "no child process left once SquaresInChild returns, after ctx was cancelled",
		"the child was not waited for once ctx was cancelled: call cmd.Wait() on every path")
}
