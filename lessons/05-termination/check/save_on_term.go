package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Crunch is exercise 3's job: Steps steps of work, done one at a time
// with Do, and a scratch file to make, and remove when done.
type Crunch struct {
	Steps   int
	Scratch string
	Probe   Probe
}

// Do does step i. It takes as long as it takes: it returns nil once the
// step is done, and ctx's error if ctx ends first (the step is then not
// done).
func (j Crunch) Do(ctx context.Context, i int) error { return j.Probe.wait(ctx, i) }

// MakeScratch makes the job's scratch file and returns the function that
// removes it: defer that.
func (j Crunch) MakeScratch() (remove func(), err error) {
	if err := os.WriteFile(j.Scratch, nil, 0o600); err != nil {
		return func() {}, fmt.Errorf("check: make the scratch file: %w", err)
	}
	if err := j.Probe.say(context.Background(), Made, 0, 0); err != nil {
		return func() {}, err
	}
	return func() { _ = os.Remove(j.Scratch) }, nil
}

// Partial is what a crunch did: the steps done, in order.
type Partial struct {
	Done []int
}

// SaveOnTerm is exercise 3: a function, run in a child process, that saves
// its work when it is sent SIGTERM. The check runs the learner's function,
// registered by the exercise's test (a child finds it by name), in a child.
var SaveOnTerm = exercise.Exercise[*processes.Func[Crunch, Partial]]{
	Info: exercise.Info{
		Name:    "SaveOnTerm",
		File:    "lessons/05-termination/exercises/save_on_term.go",
		Section: readme + "#exercise-3-save-your-work-on-sigterm",
		Hint: "first thing: ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM); defer stop(); then make the scratch " +
			"file and defer its removal; do each step with job.Do(ctx, i), keep it once done, and when Do fails return what you kept with a nil error",
	},
	Check: checkSaveOnTerm,
}

// termAt is the step at which the check sends SIGTERM.
const termAt = 3

func checkSaveOnTerm(c *exercise.C, fn *processes.Func[Crunch, Partial]) {
	r := newRecord(1)
	defer r.close()
	dir, err := os.MkdirTemp("", "save-on-term")
	if err != nil {
		c.Fail(exercise.Mistake{Expected: "a scratch directory", Got: err.Error()})
	}
	defer os.RemoveAll(dir)
	job := Crunch{Steps: 100, Scratch: filepath.Join(dir, "scratch"), Probe: r.probes[0]}

	// Steps before termAt go ahead; at termAt the check sends SIGTERM.
	p := processes.New(fn, job, processes.WithStderr(io.Discard))
	atTerm := make(chan struct{})
	var once sync.Once
	r.react = func(rep Report) {
		switch {
		case rep.What != Waiting:
		case rep.Step < termAt:
			r.release(0)
		default:
			once.Do(func() { close(atTerm) })
		}
	}
	before := c.ProcessSnapshot()
	defer before.Reap()
	r.start()
	c.Call("processes.New(SaveOnTerm, job).Start(ctx)", "starting the child never returned",
		func() { err = p.Start(context.Background()) })
	if err != nil {
		c.Fail(exercise.Mistake{Expected: "the child to start", Got: err.Error(),
			Likely: "register SaveOnTerm in a package-level variable (the exercise's test does) and leave its signature as it is"})
	}
	var (
		termed, killed bool
		ended          = p.Done()
	)
	select {
	case <-atTerm:
		termed = true
		_ = p.Terminate()
		select {
		case <-ended:
		case <-time.After(c.Patience()):
			killed = true
			_ = p.Kill()
		}
	case <-ended:
	case <-time.After(c.Patience() + 30*time.Second): // starting a child on a busy machine
		killed = true
		_ = p.Kill()
	}
	partial, err := p.Wait(context.Background())
	c.NotAttemptedInChild(err)
	r.stop()
	r.mu.Lock()
	defer r.mu.Unlock()
	_, statErr := os.Stat(job.Scratch)
	scratchLeft := !errors.Is(statErr, os.ErrNotExist)
	want := []int{0, 1, 2}
	var exit *processes.ExitError
	var remote *processes.RemoteError
	var pe *processes.PanicError
	switch {
	case errors.As(err, &pe):
		c.Fail(exercise.Mistake{Expected: "SaveOnTerm to return", Got: "it panicked in the child: " + err.Error(),
			Likely: "read the panic and the first lines of its stack that are in your file"})
	case !termed && err == nil:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("SaveOnTerm to go on doing steps until SIGTERM (it comes at step %d)", termAt),
			Got: fmt.Sprintf("it returned %v before", partial.Done), Likely: "do every step, for i := range job.Steps, with job.Do(ctx, i)"})
	case killed && termed:
		c.Fail(exercise.Mistake{Expected: "the child to stop when it is sent SIGTERM",
			Got:    fmt.Sprintf("it was still running %v after SIGTERM, and was killed", c.Patience()),
			Likely: "SIGTERM never reached the work: pass the context signal.NotifyContext(ctx, syscall.SIGTERM) gives you to job.Do (and do not ignore SIGTERM)"})
	case killed:
		c.Fail(exercise.Mistake{Expected: "SaveOnTerm to start on its steps", Got: "it did no step at all, and was killed",
			Likely: "do every step with job.Do(ctx, i)"})
	case errors.As(err, &exit) && exit.Signal == syscall.SIGTERM:
		c.Fail(exercise.Mistake{Expected: "the child to stop on SIGTERM and return its steps", Got: "SIGTERM killed it: " + err.Error(),
			Likely: "a Go program that does not handle SIGTERM dies at once: call signal.NotifyContext(ctx, syscall.SIGTERM) first thing, before any step"})
	case errors.As(err, &exit) && scratchLeft:
		c.Fail(exercise.Mistake{Expected: "the child to return its steps", Got: "it exited without returning, and its deferred calls never ran: " + err.Error(),
			Likely: "os.Exit (or log.Fatal) ends the process at once, skipping deferred calls and the result: return from SaveOnTerm instead"})
	case errors.As(err, &remote):
		c.Fail(exercise.Mistake{Expected: "the steps done before SIGTERM, with a nil error", Got: "an error, and no steps: " + err.Error(),
			Likely: "when a function in a child returns an error, its parent gets the error and not the value: return what you kept with a nil error"})
	case err != nil:
		c.Fail(exercise.Mistake{Expected: "SaveOnTerm to return its steps", Got: "waiting for the child said: " + err.Error(),
			Likely: "read the error: it says how the child ended"})
	case !r.made[0]:
		c.Fail(exercise.Mistake{Expected: "the job's scratch file made with job.MakeScratch", Got: "it was never made",
			Likely: "call job.MakeScratch() before the steps, and defer the function it returns"})
	case scratchLeft:
		c.Fail(exercise.Mistake{Expected: "the scratch file removed once SaveOnTerm returns", Got: "it is still there",
			Likely: "defer the remove function job.MakeScratch returns: a function that returns runs its deferred calls"})
	case !slices.Equal(partial.Done, want):
		likely := "keep each step once job.Do returns nil for it, and only then"
		if len(partial.Done) < len(want) {
			likely = "the steps done before SIGTERM were lost: keep each one as soon as job.Do returns nil, and return them all"
		}
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("Done = %v: the steps done before SIGTERM came (at step %d, which was not done)", want, termAt),
			Got: fmt.Sprint(partial.Done), Likely: likely})
	}
	c.NoProcessesLeft(before.Left(), "SaveOnTerm", "the child did not exit")
}
