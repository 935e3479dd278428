package check

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/gophertutor/concurrency/internal/children"
	"github.com/gophertutor/concurrency/internal/fds"
	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// SquaresInChildFunc is the signature of exercise 2.
type SquaresInChildFunc func(ctx context.Context, nums []int) (overview.Report, error)

// SquaresInChild is exercise 2: run the square task in a child process and
// bring its Report back to the parent over a pipe, then wait for the child.
var SquaresInChild = exercise.Exercise[SquaresInChildFunc]{
	Info: exercise.Info{
		Name:    "SquaresInChild",
		File:    "lessons/00-overview/exercises/squares_in_child.go",
		Section: readme + "#exercise-2-bring-a-childs-result-home",
		Hint: "overview.ChildCommand gives you the command; make a pipe with os.Pipe, pass its write end as " +
			"cmd.ExtraFiles[0], Start, close your copy of the write end, decode the Report with encoding/gob, then cmd.Wait()",
		Race: "memory shared with a goroutine that os/exec started: a bytes.Buffer (any writer but a file) given as cmd.Stdout " +
			"is written by exec's copying goroutine until cmd.Wait() returns. Read it only after Wait, or give the child os.Stdout",
	},
	Check: checkSquaresInChild,
}

func checkSquaresInChild(c *exercise.C, impl SquaresInChildFunc) {
	checkChildRun(c, impl, false)
	checkChildRun(c, impl, true)
	checkBigReport(c, impl)
	checkChildWaited(c, impl)
	checkChildCancelled(c, impl)
}

// checkChildRun calls SquaresInChild once. With crash, the children that
// call starts die at once (CrashChild), as a child can: the answer must
// then return an error, and still reap the child and close the pipe.
func checkChildRun(c *exercise.C, impl SquaresInChildFunc, crash bool) {
	what := "SquaresInChild(ctx, [2 3 8 9])"
	if crash {
		os.Setenv(crashEnv, "1") // the children this call starts inherit it
		defer os.Unsetenv(crashEnv)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // a child started with exec.CommandContext dies when the check gives up

	var (
		rep overview.Report
		err error
	)
	openBefore, fdErr := fds.Open()
	c.Call(what, "it waits for the child's report forever. If you read the pipe to the end (io.ReadAll), "+
		"the end never comes while the parent still holds the write end: close it right after cmd.Start()",
		func() { rep, err = impl(ctx, slices.Clone(seedNumbers)) })

	if kids, listErr := children.List(); listErr == nil && len(kids) > 0 {
		// A goroutine of the answer's still in cmd.Wait, or about to be: one
		// not yet run shows only its function (cmd.Wait itself, or the
		// answer's closure). os/exec's own watcher of the ctx, which Start
		// runs until Wait, is no sign of one.
		waiting := c.Learners(waitFrame) > 0 || c.Learners("(*Cmd).Wait(") > 0 ||
			c.Learners("") > c.Learners("(*Cmd).watchCtx(")
		children.Reap(kids)
		likely := "the child was started but never waited for: call cmd.Wait() after reading its report " +
			"(one in a goroutine that nobody waits for counts as none)"
		switch {
		case waiting:
			likely = unownedWait
		case !kids[0].Zombie():
			likely = "the function returned while its child was still running: read the report, then cmd.Wait() for the child to exit"
		case crash:
			likely = "when reading the report failed, the function returned without cmd.Wait(): wait for the child on every path, " +
				"also when reading failed (keep the read's error, call cmd.Wait(), then return)"
		}
		c.Fail(exercise.Mistake{
			Expected: "no child process left once SquaresInChild returns",
			Got:      "it left a child behind:\n" + children.Describe(kids),
			Likely:   likely,
		})
	}
	if crash && err == nil {
		c.Fail(exercise.Mistake{
			Expected: what + " to return an error when its child dies before sending its report",
			Got:      fmt.Sprintf("no error, and the report %+v", rep),
			Likely: "an error was dropped: gob's Decode fails when the child dies without writing, and cmd.Wait() reports " +
				"its exit status. Return them, so the caller knows the squares never came",
		})
	}
	if !crash && err != nil {
		likely := "read the error: it says which step failed"
		if strings.Contains(err.Error(), "EOF") {
			likely = "the child sent nothing over the pipe: pass the pipe's write end as cmd.ExtraFiles[0] (the child writes to its fd 3)"
		}
		c.Fail(exercise.Mistake{Expected: what + " to succeed", Got: "it returned the error: " + err.Error(), Likely: likely})
	}
	if leaked := fds.Since(openBefore); fdErr == nil && len(leaked) > 0 {
		var open, handles []string
		for _, fd := range leaked {
			// os/exec holds a child's process handle (a pidfd on Linux)
			// until cmd.Wait() has reaped it: that is a child not waited
			// for, not a pipe left open.
			if d := fds.Describe(fd); strings.Contains(d, "pidfd") {
				handles = append(handles, d)
			} else {
				open = append(open, d)
			}
		}
		if len(open) == 0 {
			c.Fail(exercise.Mistake{
				Expected: "every child waited for (cmd.Wait()) before " + what + " returns",
				Got:      fmt.Sprintf("%d child process handle(s) still open (%s): their cmd.Wait() had not run", len(handles), strings.Join(handles, ", ")),
				Likely: "a child not waited for: cmd.Wait() reaps it and releases its handle, and one in a goroutine that nobody " +
					"waits for counts as none. Call cmd.Wait() in SquaresInChild itself, after reading the report",
			})
		}
		likely := "the pipe's ends stay open: close the write end right after cmd.Start() " +
			"(the child has its own copy) and the read end once you have read the report (defer r.Close())"
		if crash {
			likely = "when the child failed, the pipe stayed open: close both ends on every path (defer r.Close() right after os.Pipe, " +
				"and the write end right after cmd.Start())"
		}
		c.Fail(exercise.Mistake{
			Expected: "every file SquaresInChild opened to be closed when it returns",
			Got:      fmt.Sprintf("%d still open: %s", len(leaked), strings.Join(open, ", ")),
			Likely:   likely,
		})
	}
	if crash {
		return
	}
	switch {
	case rep.PID == os.Getpid():
		c.Fail(exercise.Mistake{
			Expected: "the squares computed in a child process",
			Got:      fmt.Sprintf("the report says process %d, which is this process, the parent", rep.PID),
			Likely:   "the work ran in the parent: start a child with overview.ChildCommand and return the Report it sends",
		})
	case len(rep.Results) == 0:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("the child's squares %v back in the parent", seedSquares),
			Got:      fmt.Sprintf("a report with no results: %+v", rep),
			Likely: "the child computed its squares in its own memory, and they were lost with it (the seed's empty square_result): " +
				"decode the Report the child writes to the pipe",
		})
	case !slices.Equal(rep.Results, seedSquares) || rep.Task != overview.Square.Name:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("the square task's report with results %v", seedSquares),
			Got:      fmt.Sprintf("task %q with results %v", rep.Task, rep.Results),
			Likely:   "run overview.Square on all the numbers you were given",
		})
	}
}
