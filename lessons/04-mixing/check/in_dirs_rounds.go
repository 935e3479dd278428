package check

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// runInDirsWithAFailure runs three tasks of which the second, beta, fails
// at once while the check holds the other two. Once beta's process has
// exited and its Wait has heard, and the answer has done all it does
// without the check, the check looks: an answer that has returned while
// alpha or gamma still runs left it behind. Then it lets alpha go, looks
// again the same way, then gamma; the answer must report beta's error.
func runInDirsWithAFailure(c *exercise.C, impl RunInDirsFunc, root string) {
	w, probes := newWatch(3, 4, false)
	tasks := dirTasks(c, root, probes)
	tasks[1].Fail = true
	var err error
	failureRound(c, w, "RunInDirs", "RunInDirs(ctx, InDir, 3 tasks) where task beta fails", "task beta",
		func() { _, err = impl(context.Background(), InDir, slices.Clone(tasks)) })
	switch {
	case err == nil:
		c.Fail(exercise.Mistake{Expected: "task beta's error", Got: "RunInDirs returned no error",
			Likely: "a task's error was dropped: keep the error of each Wait, and return it (the first, or errors.Join of them all)"})
	case !strings.Contains(err.Error(), "beta: "+taskFailed):
		c.Fail(exercise.Mistake{Expected: "task beta's error (beta: " + taskFailed + ")", Got: "the error: " + err.Error(),
			Likely: "the error of the task that failed was lost: keep the error of each Wait"})
	}
}

// runInDirsCancelled cancels the answer's ctx once its three tasks are
// running (held by the check). The children are bounded by that ctx: they
// end, and the answer must return. If it still waits, with its children
// still running, once it can go no further without the check, it started
// or waited for them with another context than the one it was given.
func runInDirsCancelled(c *exercise.C, impl RunInDirsFunc, root string) {
	w, probes := newWatch(3, 4, false)
	tasks := dirTasks(c, root, probes)
	life := c.WatchChildren(false) // a cancelled child ends soon after ctx, and Wait(ctx) returns at once
	defer life.Stop()
	before := c.ProcessSnapshot()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w.start(3 * c.Patience())
	defer w.stop()
	var ignored bool
	var pids []int
	var driver sync.WaitGroup
	driver.Go(func() {
		defer w.stop()
		pidOf, ok := w.awaitArrivals(3, c.Patience())
		if !ok {
			return
		}
		for _, pid := range pidOf {
			pids = append(pids, pid)
		}
		cancel()
		c.Await(func() bool { return c.Returned() || life.Gone(pids...) })
		c.Settle()
		ignored = !c.Returned()
	})
	var err error
	c.Call("RunInDirs(ctx, InDir, 3 tasks), ctx cancelled while they run", "it never returns once ctx is cancelled",
		func() { _, err = impl(ctx, InDir, slices.Clone(tasks)) })
	driver.Wait()
	if ignored {
		c.Fail(exercise.Mistake{
			Expected: "RunInDirs to return once its ctx is cancelled",
			Got:      "it went on waiting, and its children went on running",
			Likely: "the children were started, or waited for, with another context than ctx (context.Background() " +
				"hears nothing of the caller's cancel): pass ctx to Start and to Wait",
		})
	}
	// Cancelled, a child ends soon after ctx does; Wait(ctx) may return first.
	c.Await(func() bool { return life.Gone(pids...) })
	life.Stop()
	c.NoProcessesLeft(before.Left(), "RunInDirs", neverWaited)
	if err == nil {
		c.Fail(exercise.Mistake{Expected: "an error once ctx is cancelled (ctx's, or the tasks')", Got: "RunInDirs returned no error",
			Likely: "the tasks did not finish: return the error that Wait gave (ctx.Err() once ctx is cancelled)"})
	}
}
