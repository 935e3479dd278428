package check_test

import (
	"context"
	"encoding/gob"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	"github.com/gophertutor/concurrency/lessons/00-overview/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Each test here keeps a wrong answer a learner might write and shows that
// its check rejects it, for the right reason. Wrong answers that only the
// race detector can see run under exercise.ExpectRace.

func TestMain(m *testing.M) { check.Main(m) }

// quick is the patience for answers that run things one after the other:
// the barrier can never open for them, so there is no reason to wait long.
// Other wrong answers keep the default patience, so that on a loaded
// machine the barrier is not what rejects them. roomy keeps the call bound
// long: a wrong answer that does finish must not be cut short.
var (
	quick = exercise.WithPatience(50 * time.Millisecond)
	roomy = exercise.WithCallBound(30 * time.Second)
)

// rejected asserts that the check rejected a wrong answer with one of the
// likely mistakes given (some wrong answers show one symptom or another,
// depending on how far their goroutines got).
func rejected(t *testing.T, r exercise.Result, likely ...string) {
	t.Helper()
	require.Equal(t, exercise.Failed, r.Status, "the check should reject this answer; it said:\n%s", r.Message)
	found := false
	for _, l := range likely {
		found = found || strings.Contains(r.Mistake.Likely, l)
	}
	assert.True(t, found, "the check rejected it for another reason than %q:\n%s", likely, r.Message)
	t.Log("\n" + r.Message)
}

func loop(nums []int, f func(int) int) []int {
	out := make([]int, len(nums))
	for i, n := range nums {
		out[i] = f(n)
	}
	return out
}

// --- exercise 1: SquaresAndCubes ---

func TestSquaresAndCubesRejectsOneLoopAfterTheOther(t *testing.T) {
	sequential := func(nums []int, square, cube func(int) int) ([]int, []int) {
		return loop(nums, square), loop(nums, cube)
	}
	rejected(t, check.SquaresAndCubes.Run(sequential, quick, roomy), "one after the other")
}

func TestSquaresAndCubesRejectsNotWaiting(t *testing.T) {
	forgetsToReceive := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		results := make(chan []int, 2)
		go func() { results <- loop(nums, square) }()
		go func() { results <- loop(nums, cube) }()
		return squares, cubes // returns before the goroutines finish, and never receives
	}
	// If its goroutines happen to finish before it returns, the symptom is
	// only the lost results.
	rejected(t, check.SquaresAndCubes.Run(forgetsToReceive, roomy), "nothing waits for the goroutines", "never reached the caller")
}

func TestSquaresAndCubesRejectsALeakedGoroutine(t *testing.T) {
	var (
		mu      sync.Mutex
		pending []chan []int
	)
	firstOneWins := func(nums []int, square, cube func(int) int) ([]int, []int) {
		squares, cubes := make(chan []int), make(chan []int) // unbuffered
		mu.Lock()
		pending = append(pending, squares, cubes)
		mu.Unlock()
		go func() { squares <- loop(nums, square) }()
		go func() { cubes <- loop(nums, cube) }()
		select { // the loser blocks on its send forever
		case s := <-squares:
			return s, nil
		case c := <-cubes:
			return nil, c
		}
	}
	r := check.SquaresAndCubes.Run(firstOneWins, roomy)
	// Unblock the goroutine the wrong answer leaked, so this package ends clean.
	for _, ch := range pending {
		select {
		case <-ch:
		default:
		}
	}
	rejected(t, r, "stuck sending a result that nobody receives")
	assert.Contains(t, r.Mistake.Got, "chan send")
}

func TestSquaresAndCubesRejectsResultsInFinishingOrder(t *testing.T) {
	collect := func(nums []int, f func(int) int) []int {
		ch := make(chan int, len(nums))
		for _, n := range nums {
			go func() { ch <- f(n) }()
		}
		out := make([]int, 0, len(nums))
		for range nums {
			out = append(out, <-ch)
		}
		return out
	}
	finishingOrder := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		var wg sync.WaitGroup
		wg.Go(func() { squares = collect(nums, square) })
		wg.Go(func() { cubes = collect(nums, cube) })
		wg.Wait()
		return squares, cubes
	}
	rejected(t, check.SquaresAndCubes.Run(finishingOrder, roomy), "in the order they finish")
}

func TestSquaresAndCubesRejectsABusyWaitRace(t *testing.T) {
	busyWait := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		done := 0
		go func() { squares = loop(nums, square); done++ }()
		go func() { cubes = loop(nums, cube); done++ }()
		for done < 2 { // data race: done is read and written without synchronisation
			runtime.Gosched()
		}
		return squares, cubes
	}
	exercise.ExpectRace(t, func() { check.SquaresAndCubes.Run(busyWait, roomy) })
}

// --- exercise 2: SquaresInChild ---

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
		err = gob.NewDecoder(bytesReader(data)).Decode(&rep)
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

type plainCounter struct{ n int }

func (c *plainCounter) Inc()       { c.n++ }
func (c *plainCounter) Value() int { return c.n }

func TestCounterRejectsAPlainInt(t *testing.T) {
	exercise.ExpectRace(t, func() {
		check.SafeCounter.Run(func() check.Counter { return &plainCounter{} }, roomy)
	})
}

type lockedIncOnly struct {
	mu sync.Mutex
	n  int
}

func (c *lockedIncOnly) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}
func (c *lockedIncOnly) Value() int { return c.n } // reads without the lock

func TestCounterRejectsAnUnguardedRead(t *testing.T) {
	exercise.ExpectRace(t, func() {
		check.SafeCounter.Run(func() check.Counter { return &lockedIncOnly{} }, roomy)
	})
}

type valueCounter struct{ n int }

//lint:ignore SA4005 the classic mistake this test keeps: Inc increments a copy
func (c valueCounter) Inc()       { c.n++ }
func (c valueCounter) Value() int { return c.n }

func TestCounterRejectsAValueReceiver(t *testing.T) {
	rejected(t, check.SafeCounter.Run(func() check.Counter { return valueCounter{} }, roomy), "pointer receiver")
}

// --- exercise 4: ParallelSum ---

func sumAll(part []int) int {
	total := 0
	for _, n := range part {
		total += n
	}
	return total
}

func TestParallelSumRejectsSequential(t *testing.T) {
	sequential := func(nums []int, workers int, sum func([]int) int) int {
		total := 0
		for w := range workers {
			total += sum(nums[w*len(nums)/workers : (w+1)*len(nums)/workers])
		}
		return total
	}
	rejected(t, check.ParallelSum.Run(sequential, quick, roomy), "one after the other")
}

func TestParallelSumRejectsDroppingTheRemainder(t *testing.T) {
	dropsRemainder := func(nums []int, workers int, sum func([]int) int) int {
		size := len(nums) / workers
		partial := make([]int, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { partial[w] = sum(nums[w*size : (w+1)*size]) })
		}
		wg.Wait()
		return sumAll(partial)
	}
	rejected(t, check.ParallelSum.Run(dropsRemainder, roomy), "numbers were left out")
}

func TestParallelSumRejectsUnevenParts(t *testing.T) {
	roundedUp := func(nums []int, workers int, sum func([]int) int) int {
		size := (len(nums) + workers - 1) / workers
		partial := make([]int, workers)
		var wg sync.WaitGroup
		for w := range workers {
			lo, hi := min(w*size, len(nums)), min((w+1)*size, len(nums))
			wg.Go(func() { partial[w] = sum(nums[lo:hi]) })
		}
		wg.Wait()
		return sumAll(partial)
	}
	rejected(t, check.ParallelSum.Run(roundedUp, roomy), "rounding the part size up")
}

func TestParallelSumRejectsAGoroutinePerNumber(t *testing.T) {
	unbounded := func(nums []int, workers int, sum func([]int) int) int {
		partial := make([]int, len(nums))
		var wg sync.WaitGroup
		for i := range nums {
			wg.Go(func() { partial[i] = sum(nums[i : i+1]) })
		}
		wg.Wait()
		return sumAll(partial)
	}
	rejected(t, check.ParallelSum.Run(unbounded, roomy), "unbounded")
}

func TestParallelSumRejectsNotWaiting(t *testing.T) {
	noWait := func(nums []int, workers int, sum func([]int) int) int {
		results := make(chan int, workers)
		for w := range workers {
			go func() { results <- sum(nums[w*len(nums)/workers : (w+1)*len(nums)/workers]) }()
		}
		return 0 // forgot to receive the partial sums
	}
	rejected(t, check.ParallelSum.Run(noWait, roomy), "nothing waits for the goroutines", "a partial sum was lost")
}

func TestParallelSumRejectsASharedTotal(t *testing.T) {
	sharedTotal := func(nums []int, workers int, sum func([]int) int) int {
		total := 0
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { total += sum(nums[w*len(nums)/workers : (w+1)*len(nums)/workers]) }) // data race
		}
		wg.Wait()
		return total
	}
	exercise.ExpectRace(t, func() { check.ParallelSum.Run(sharedTotal, roomy) })
}

func TestEveryExerciseHasItsFileAndSection(t *testing.T) {
	exercise.VerifyInfos(t, "../../..", check.All())
}
