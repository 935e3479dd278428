package check_test

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"io"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	"github.com/gophertutor/concurrency/lessons/00-overview/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

func TestSquaresInChildRejectsComputingInTheParent(t *testing.T) {
	inParent := func(_ context.Context, nums []int) (overview.Report, error) {
		return overview.Report{Task: "square", PID: os.Getpid(), Results: loop(nums, overview.Square.Calc)}, nil
	}
	rejected(t, check.SquaresInChild.Run(inParent, roomy), "the work ran in the parent")
}

// startSquareChild starts the square child with a result pipe and returns
// the read end; the caller decides what to do wrong next.
func startSquareChild(ctx context.Context, nums []int, closeWriteEnd bool) (*os.File, *os.File, func() error, error) {
	cmd, err := overview.ChildCommand(ctx, overview.Square, nums, 0)
	if err != nil {
		return nil, nil, nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, nil, nil, err
	}
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		return nil, nil, nil, err
	}
	if closeWriteEnd {
		w.Close()
	}
	return r, w, cmd.Wait, nil
}

func TestSquaresInChildRejectsNeverReadingThePipe(t *testing.T) {
	neverReads := func(ctx context.Context, nums []int) (overview.Report, error) {
		r, _, wait, err := startSquareChild(ctx, nums, true)
		if err != nil {
			return overview.Report{}, err
		}
		defer r.Close()
		return overview.Report{Task: "square", PID: 1}, wait() // the report stays in the pipe
	}
	rejected(t, check.SquaresInChild.Run(neverReads, roomy), "decode the Report")
}

func TestSquaresInChildRejectsNeverWaiting(t *testing.T) {
	var (
		mu       sync.Mutex
		waitLate func() error
	)
	neverWaits := func(ctx context.Context, nums []int) (overview.Report, error) {
		r, _, wait, err := startSquareChild(ctx, nums, true)
		if err != nil {
			return overview.Report{}, err
		}
		mu.Lock()
		waitLate = wait
		mu.Unlock()
		defer r.Close()
		var rep overview.Report
		err = gob.NewDecoder(r).Decode(&rep)
		// The child exits after sending its report and stays a zombie. Wait
		// until it has exited, so the check sees it as one.
		_, _ = io.Copy(io.Discard, r)
		return rep, err
	}
	r := check.SquaresInChild.Run(neverWaits, roomy)
	// The check reaped the zombie; calling Wait now also ends the goroutine
	// that exec.CommandContext started to watch the context.
	mu.Lock()
	_ = waitLate()
	mu.Unlock()
	rejected(t, r, "never waited for")
}

func TestSquaresInChildRejectsPipeEndsLeftOpen(t *testing.T) {
	var (
		mu   sync.Mutex
		ends []*os.File
	)
	leavesOpen := func(ctx context.Context, nums []int) (overview.Report, error) {
		r, w, wait, err := startSquareChild(ctx, nums, false) // closes neither end
		if err != nil {
			return overview.Report{}, err
		}
		mu.Lock()
		ends = append(ends, r, w)
		mu.Unlock()
		var rep overview.Report
		err = gob.NewDecoder(r).Decode(&rep) // one value: no need for end-of-file
		return rep, errors.Join(err, wait())
	}
	r := check.SquaresInChild.Run(leavesOpen, roomy)
	for _, f := range ends {
		f.Close()
	}
	rejected(t, r, "the pipe's ends stay open")
}

func TestSquaresInChildRejectsReadingToEOFWithTheWriteEndOpen(t *testing.T) {
	var (
		mu       sync.Mutex
		writeEnd *os.File
	)
	finished := make(chan struct{})
	readAll := func(ctx context.Context, nums []int) (overview.Report, error) {
		defer close(finished)
		r, w, wait, err := startSquareChild(ctx, nums, false) // forgets w.Close()
		if err != nil {
			return overview.Report{}, err
		}
		mu.Lock()
		writeEnd = w
		mu.Unlock()
		defer r.Close()
		data, _ := io.ReadAll(r) // EOF never comes: this process still holds w
		_ = wait()
		var rep overview.Report
		err = gob.NewDecoder(bytes.NewReader(data)).Decode(&rep)
		return rep, err
	}
	r := check.SquaresInChild.Run(readAll, exercise.WithCallBound(500*time.Millisecond))
	mu.Lock()
	writeEnd.Close() // let the stuck answer finish, so the test leaves nothing behind
	mu.Unlock()
	<-finished
	rejected(t, r, "close it right after cmd.Start()") // only the call bound sees a call that never returns
}

// --- exercise 3: Counter ---

// ignoresErrors does everything right, except that it drops every error:
// when the child dies, its caller learns nothing.
func ignoresErrors(ctx context.Context, nums []int) (overview.Report, error) {
	r, _, wait, err := startSquareChild(ctx, nums, true)
	if err != nil {
		return overview.Report{}, err
	}
	defer r.Close()
	var rep overview.Report
	_ = gob.NewDecoder(r).Decode(&rep)
	_ = wait()
	return rep, nil
}

// The check makes the child die before it sends its report: the error
// paths run too.
func TestSquaresInChildRejectsDroppedErrors(t *testing.T) {
	r := check.SquaresInChild.Run(ignoresErrors, roomy)
	rejected(t, r, "an error was dropped")
	assert.Contains(t, r.Mistake.Expected, "when its child dies before sending its report")
}

func TestSquaresInChildRejectsNotWaitingWhenReadingFails(t *testing.T) {
	var (
		mu    sync.Mutex
		waits []func() error
	)
	returnsEarly := func(ctx context.Context, nums []int) (overview.Report, error) {
		r, _, wait, err := startSquareChild(ctx, nums, true)
		if err != nil {
			return overview.Report{}, err
		}
		defer r.Close()
		var rep overview.Report
		if err := gob.NewDecoder(r).Decode(&rep); err != nil {
			mu.Lock()
			waits = append(waits, wait)
			mu.Unlock()
			_, _ = io.Copy(io.Discard, r) // until the child has exited: the check then sees a zombie
			return rep, err               // the child is never waited for
		}
		return rep, wait()
	}
	r := check.SquaresInChild.Run(returnsEarly, roomy)
	// The check reaped the zombie; Wait now ends what exec.CommandContext
	// started to watch the context.
	mu.Lock()
	for _, wait := range waits {
		_ = wait()
	}
	mu.Unlock()
	rejected(t, r, "when reading the report failed, the function returned without cmd.Wait()")
}

// waitsFirst waits for the child before it reads the pipe: a small report
// fits in the pipe's buffer and it works; the check's big report does not.
func waitsFirst(ctx context.Context, nums []int) (overview.Report, error) {
	r, _, wait, err := startSquareChild(ctx, nums, true)
	if err != nil {
		return overview.Report{}, err
	}
	defer r.Close()
	waitErr := wait() // the child exits once its report is in the pipe, if it fits
	var rep overview.Report
	return rep, errors.Join(gob.NewDecoder(r).Decode(&rep), waitErr)
}

func TestSquaresInChildRejectsWaitingBeforeReading(t *testing.T) {
	var calls sync.WaitGroup
	r := check.SquaresInChild.Run(func(ctx context.Context, nums []int) (overview.Report, error) {
		calls.Add(1) // before Run returns: the check's call runs it at once
		defer calls.Done()
		return waitsFirst(ctx, nums)
	}, exercise.WithCallBound(2*time.Second))
	calls.Wait() // the check killed the child when it gave up: the stuck call returns
	rejected(t, r, "cmd.Wait() runs before the report is read")
}

// cmd.Wait() in a goroutine nobody waits for: the function returns with the
// report while the child may still run. The check's last child stays on
// after its report until the answer waits for it, so the return shows.
func TestSquaresInChildRejectsWaitingInAGoroutineNobodyWaitsFor(t *testing.T) {
	var reapers sync.WaitGroup // the test's, so that none is left behind
	defer reapers.Wait()
	reapedLater := func(ctx context.Context, nums []int) (overview.Report, error) {
		r, _, wait, err := startSquareChild(ctx, nums, true)
		if err != nil {
			return overview.Report{}, err
		}
		defer r.Close()
		reapers.Go(func() { _ = wait() }) // reaped, but nobody waits for it
		var rep overview.Report
		err = gob.NewDecoder(r).Decode(&rep)
		return rep, err
	}
	// The first run's child exits at once: there the check may find it a
	// zombie, not yet reaped by the goroutine, or not at all.
	rejected(t, check.SquaresInChild.Run(reapedLater, roomy), "a cmd.Wait() in a goroutine that nobody waits for",
		"one in a goroutine that nobody waits for counts as none")
}

// The child started with a context of its own: cancelling the caller's ctx
// kills nothing, and a child that does not exit by itself is waited for
// for ever (the check ends its wait when it gives up).
func TestSquaresInChildRejectsIgnoringTheContext(t *testing.T) {
	var calls sync.WaitGroup
	ownContext := func(_ context.Context, nums []int) (overview.Report, error) {
		calls.Add(1) // before Run returns: the check's call runs it at once
		defer calls.Done()
		r, _, wait, err := startSquareChild(context.Background(), nums, true)
		if err != nil {
			return overview.Report{}, err
		}
		defer r.Close()
		var rep overview.Report
		if err := gob.NewDecoder(r).Decode(&rep); err != nil {
			_ = wait()
			return rep, err
		}
		return rep, wait()
	}
	r := check.SquaresInChild.Run(ownContext, exercise.WithCallBound(time.Second))
	calls.Wait()
	rejected(t, r, "Pass ctx to overview.ChildCommand")
}
