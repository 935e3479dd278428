package check

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strings"
	"sync"
	"sync/atomic"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Square is exercise 4's registered function: n×n. It counts the calls in
// flight, and the first ones wait until the check has seen how far the
// code read its input (see squares); the context the check gives the
// exercise carries what it needs.
var Square = processes.Register("check03.Square", func(ctx context.Context, n int) (int, error) {
	if bad, ok := ctx.Value(failingKey{}).(int); ok { // checkSumSquaresFails
		if n == bad {
			return 0, fmt.Errorf("check03.Square(%d): %w", n, errUnsquarable)
		}
		return n * n, nil
	}
	sq, _ := ctx.Value(squaresKey{}).(*squares)
	if sq == nil {
		unstaged.Add(1)
		return 0, errors.New("check03.Square: this task's context is not the one the check gave: " +
			"pass the ctx you were given to futures.Map")
	}
	return sq.square(ctx, n)
})

// SumSquaresFunc is the signature of exercise 4.
type SumSquaresFunc func(ctx context.Context, ex futures.Executor, square *processes.Func[int, int], nums iter.Seq[int], limit int) (int, error)

// SumSquares is exercise 4: the sum of the squares of a long input, with
// at most limit squares in flight, the input read only as the results
// come.
var SumSquares = exercise.Exercise[SumSquaresFunc]{
	Info: exercise.Info{
		Name: "SumSquares",
		File: "lessons/03-futures/exercises/sum_squares.go",
		// A sum added to from goroutines: a lost addition shows only when
		// two meet.
		RaceSensitive: true,
		Race: "goroutines (or done-callbacks) add to the sum with nothing ordering them: take each square's result in " +
			"SumSquares's own goroutine (futures.Map's channel, in order) and add it there",
		Section: readme + "#exercise-4-a-bounded-map-over-a-big-input",
		Hint: "range over futures.Map(ctx, ex, square, nums, futures.WithBuffer(limit)) and add each result: " +
			"Map reads nums only as results are taken, and WithBuffer(limit) keeps at most limit tasks ahead " +
			"(its default is 2 per worker)",
	},
	Check: checkSumSquares,
}

const (
	sumLimit   = 3
	sumWorkers = 8 // more than the limit: an answer without a bound has more in flight
	// sumReadCap is how far ahead of the results the check lets its input
	// be read before it ends the input: only an answer without a bound
	// gets there, and the check has seen enough.
	sumReadCap = 1000
)

// sumInput is how many numbers the check sums: 100 000, far more than any
// answer may read ahead (sumReadCap), and few enough for a right answer to
// sum well within the call bound on a busy machine (a million took 3 to 5 s
// of the bound's 6 there); under the race detector, which makes each task
// some fifteen times slower, fewer. The check's structure does not depend
// on it, only the time it takes.
func sumInput() int {
	if exercise.RaceEnabled {
		return 20_000
	}
	return 100_000
}

type squaresKey struct{}

// squares is the check's side of one run of exercise 4: its input, which
// counts how far it has been read, and Square's calls, held until the
// check opens the gate.
type squares struct {
	n, limit int
	workers  string
	gauge    exercise.Gauge
	open     chan struct{} // closed when the first calls may return
	openOnce sync.Once

	reads    atomic.Int64 // numbers handed out
	finished atomic.Int64 // squares returned
	stop     atomic.Bool  // end the input: the check has its verdict
	capped   atomic.Bool  // the input ended at sumReadCap

	mu       sync.Mutex
	maxAhead int64 // the most numbers handed out ahead of the squares returned
	foreign  []string
}

func newSquares(n, limit int, workers string) *squares {
	return &squares{n: n, limit: limit, workers: workers, open: make(chan struct{})}
}

// input yields 1..n. Each number handed out counts as ahead of the squares
// returned until its square is: with at most limit tasks in flight, a
// correct answer is at most limit ahead, limit+1 if it holds the next
// number while it waits for room.
func (sq *squares) input() iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 1; i <= sq.n; i++ {
			if sq.stop.Load() {
				return
			}
			ahead := sq.reads.Add(1) - sq.finished.Load()
			sq.mu.Lock()
			sq.maxAhead = max(sq.maxAhead, ahead)
			sq.mu.Unlock()
			if ahead >= sumReadCap {
				sq.capped.Store(true)
				return
			}
			if !yield(i) {
				return
			}
		}
	}
}

func (sq *squares) square(ctx context.Context, n int) (int, error) {
	defer sq.gauge.Enter()()
	if w := futures.Current(ctx).Name; !strings.HasPrefix(w, sq.workers) {
		sq.mu.Lock()
		sq.foreign = append(sq.foreign, w)
		sq.mu.Unlock()
	}
	select {
	case <-sq.open:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	sq.finished.Add(1)
	return n * n, nil
}

func (sq *squares) release() { sq.openOnce.Do(func() { close(sq.open) }) }

// sumSquaresLook is what the check saw once the code had settled, with
// the squares held: how far it had read and how many squares were running.
type sumSquaresLook struct {
	unsettled bool
	returned  bool
	reads     int64
	inFlight  int
}

func checkSumSquares(c *exercise.C, impl SumSquaresFunc) {
	n, limit := sumInput(), sumLimit
	what := fmt.Sprintf("SumSquares(ctx, ex, square, 1..%d, %d)", n, limit)
	const workers = "check03.SumSquares"
	pool, err := futures.NewThreadPool(sumWorkers, futures.WithNamePrefix(workers))
	if err != nil {
		panic(err)
	}
	defer pool.Close()
	sq := newSquares(n, limit, workers)
	defer sq.release()
	var returned atomic.Bool
	unstagedBefore := unstaged.Load()
	snap := c.Snapshot()
	sc := newScene()
	// The driver waits until the code has read its input as far as it goes
	// without a result, then looks, and lets every square through.
	begin, wait := startDriver(func() sumSquaresLook {
		defer sq.release()
		ok := sc.settle(c.Patience())
		l := sumSquaresLook{unsettled: !ok, returned: returned.Load(), reads: sq.reads.Load(), inFlight: sq.gauge.Now()}
		if l.unsettled || l.reads > int64(limit+1) || l.inFlight < limit {
			sq.stop.Store(true) // a verdict: the rest of the input changes nothing
		}
		return l
	})
	defer func() {
		sq.release()
		wait()
	}()
	var sum int
	c.Call(what, "it never returns: does it wait for results it never asked for?", func() {
		begin()
		sum, err = impl(context.WithValue(context.Background(), squaresKey{}, sq), pool, Square, sq.input(), limit)
		returned.Store(true)
	})
	l := wait()
	inFlightAtReturn := sq.gauge.Now()
	if err := pool.Close(); err != nil {
		panic(err)
	}

	if got := unstaged.Load() - unstagedBefore; got > 0 && sq.gauge.Total() == 0 {
		c.Fail(exercise.Mistake{
			Expected: "the squares computed with the ctx SumSquares was given (the check's tasks find what they need in it)",
			Got:      plural(got, "call") + " of square ran with another context",
			Likely:   "a context.Background() where ctx belongs: pass ctx to futures.Map (or futures.Submit)",
		})
	}
	sq.mu.Lock()
	foreign, maxAhead := sq.foreign, sq.maxAhead
	sq.mu.Unlock()
	if len(foreign) > 0 {
		c.Fail(exercise.Mistake{
			Expected: "every square computed on the executor SumSquares was given (its workers are named " + workers + "_N)",
			Got:      fmt.Sprintf("square ran on %s", foreign[0]),
			Likely:   "the squares ran elsewhere: on an executor of your own, or called directly. Give ex to futures.Map",
		})
	}
	checkSumSquaresBound(c, what, l, maxAhead, sq.gauge.Peak(), sq.capped.Load())
	if err != nil {
		c.Fail(exercise.Mistake{
			Expected: what + " to succeed: square never fails",
			Got:      "it returned the error: " + err.Error(),
			Likely:   "read the error: it says which step failed",
		})
	}
	want := 0
	for i := 1; i <= n; i++ {
		want += i * i
	}
	if sum != want {
		likely := "a square was lost, or added twice: add each result once, and wait for the last ones"
		if inFlightAtReturn > 0 {
			likely = "it returned while squares were still being computed: wait for every task before returning the sum"
		}
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%s to return %d, the sum of the squares of 1..%d", what, want, n),
			Got:      fmt.Sprint(sum),
			Likely:   likely,
		})
	}
	c.NoGoroutinesLeft(snap, "SumSquares", "a goroutine waits for a result or a channel that nobody completes")
	checkSumSquaresFails(c, impl)
}

// failingKey, in the context of Square's task, is the number whose square
// fails.
type failingKey struct{}

// errUnsquarable is the error of the failing square.
var errUnsquarable = errors.New("the check's failing square")

// checkSumSquaresFails: one square of 1..10 fails. SumSquares must return
// its error, not the sum of the others.
func checkSumSquaresFails(c *exercise.C, impl SumSquaresFunc) {
	const bad = 7
	what := fmt.Sprintf("SumSquares(ctx, ex, square, 1..10, %d) where square(%d) fails", sumLimit, bad)
	pool, err := futures.NewThreadPool(sumWorkers)
	if err != nil {
		panic(err)
	}
	defer pool.Close()
	snap := c.Snapshot()
	nums := func(yield func(int) bool) {
		for i := 1; i <= 10; i++ {
			if !yield(i) {
				return
			}
		}
	}
	var sum int
	c.Call(what, "it never returns once a square has failed: does it wait for a result that will not come?", func() {
		sum, err = impl(context.WithValue(context.Background(), failingKey{}, bad), pool, Square, nums, sumLimit)
	})
	if err := pool.Close(); err != nil {
		panic(err)
	}
	if err == nil || !strings.Contains(err.Error(), errUnsquarable.Error()) {
		c.Fail(exercise.Mistake{
			Expected: what + " to return the failed square's error",
			Got:      fmt.Sprintf("sum %d, error %v", sum, err),
			Likely: "the error that came with a result was dropped: futures.Map yields each result with its error; " +
				"return the first error (the others' sum means nothing without the missing square)",
		})
	}
	c.NoGoroutinesLeft(snap, "SumSquares", "a goroutine is left waiting after a square failed: stop taking results, and let futures.Map end")
}

// checkSumSquaresBound judges how far the code read ahead of its results,
// as the driver saw it with the first squares held, and as the input saw
// it all along.
func checkSumSquaresBound(c *exercise.C, what string, l sumSquaresLook, maxAhead int64, peak int, capped bool) {
	limit := sumLimit
	readAhead := "while the first squares were held, it read " + plural(l.reads, "number") + " from nums and started " + plural(l.inFlight, "square")
	switch {
	case l.unsettled:
		c.Fail(exercise.Mistake{
			Expected: what + " to wait for results once it has limit squares in flight",
			Got:      fmt.Sprintf("its goroutines never all waited at once (watched for %v), having read %s", c.Patience(), plural(l.reads, "number")),
			Likely:   "a loop that polls (IsDone, a select with a default) instead of waiting: range over futures.Map, or wait on Result",
		})
	case capped || l.reads >= sumReadCap:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("at most %d numbers read from nums ahead of the results taken", limit),
			Got: fmt.Sprintf("it read %d numbers before a single square had returned (the check ended its input there; "+
				"it would have read all of them)", l.reads),
			Likely: "it submits every number before it takes a result: as many futures at once as there are numbers (a million numbers, a million futures). " +
				"Range over futures.Map with futures.WithBuffer(limit), which reads the input only as results are taken",
		})
	case l.reads == 2*sumWorkers:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("at most %d numbers read from nums ahead of the results taken", limit),
			Got:      readAhead + fmt.Sprintf(": 2 per worker of the executor's %d", sumWorkers),
			Likely:   "futures.Map without futures.WithBuffer keeps 2 tasks per worker in flight: pass futures.WithBuffer(limit)",
		})
	case l.reads > int64(limit+1) || maxAhead > int64(limit+1):
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("at most %d numbers read from nums ahead of the results taken (%d, with the next one in hand)", limit, limit+1),
			Got:      fmt.Sprintf("%s; at most %d numbers were ahead of the results at once", readAhead, max(l.reads, maxAhead)),
			Likely: "the bound is not limit: futures.WithBuffer(limit) counts tasks, and a chunk (WithChunkSize) holds " +
				"several numbers; a semaphore of limit slots must be taken before each task is submitted",
		})
	case peak > limit:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("at most %d squares in flight at once", limit),
			Got:      fmt.Sprintf("%d at once", peak),
			Likely:   "more tasks in flight than limit: bound them with futures.WithBuffer(limit)",
		})
	case l.returned:
		return // the input was shorter than the limit: nothing to wait for
	case l.inFlight <= 1:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d squares in flight at once, %d numbers read ahead of the results", limit, limit),
			Got:      readAhead + ": one at a time",
			Likely:   "each task is waited for before the next is submitted (Submit then Result in a loop): range over futures.Map with futures.WithBuffer(limit)",
		})
	case l.inFlight < limit:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d squares in flight at once", limit),
			Got:      readAhead,
			Likely:   "fewer tasks in flight than limit: futures.WithBuffer(limit), not less",
		})
	}
}
