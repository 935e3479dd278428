package check_test

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// --- exercise 1: CountPrimes ---

// madePools remembers the pools a wrong answer makes, so that the test can
// end them (closed or not) and leave no process behind.
type madePools struct {
	mu    sync.Mutex
	pools []*processes.Pool
}

func (m *madePools) make(workers int) (*processes.Pool, error) {
	pool, err := processes.NewPool(workers)
	if err == nil {
		m.mu.Lock()
		m.pools = append(m.pools, pool)
		m.mu.Unlock()
	}
	return pool, err
}

func (m *madePools) end(t *testing.T) {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range m.pools {
		p.Terminate()
		require.NoError(t, p.Join(t.Context()))
	}
}

func TestCountPrimesRejectsOneRangeAfterTheOther(t *testing.T) {
	oneByOne := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, _ int) ([]int, error) {
		var out []int
		for _, r := range ranges {
			p := processes.New(count, r)
			if err := p.Start(ctx); err != nil {
				return nil, err
			}
			n, err := p.Wait(ctx)
			if err != nil {
				return nil, err
			}
			out = append(out, n)
		}
		return out, nil
	}
	rejected(t, check.CountPrimes.Run(oneByOne, quick, roomy), "the exercise is the pool")
}

func TestCountPrimesRejectsCountingInTheParent(t *testing.T) {
	inParent := func(_ context.Context, _ *processes.Func[check.Range, int], ranges []check.Range, _ int) ([]int, error) {
		var out []int
		for _, r := range ranges {
			out = append(out, check.PrimesIn(r.From, r.To))
		}
		return out, nil
	}
	rejected(t, check.CountPrimes.Run(inParent, roomy), "counted in this process")
}

func TestCountPrimesRejectsAPoolOfOne(t *testing.T) {
	poolOfOne := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, _ int) ([]int, error) {
		pool, err := processes.NewPool(1)
		if err != nil {
			return nil, err
		}
		defer func() {
			pool.Close()
			_ = pool.Join(ctx)
		}()
		return processes.Map(ctx, pool, count, ranges)
	}
	rejected(t, check.CountPrimes.Run(poolOfOne, quick, roomy), "the pool is too small")
}

func TestCountPrimesRejectsAPoolNeverClosed(t *testing.T) {
	var leaked *processes.Pool
	neverClosed := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		leaked = pool
		return processes.Map(ctx, pool, count, ranges)
	}
	r := check.CountPrimes.Run(neverClosed, roomy)
	leaked.Terminate()
	require.NoError(t, leaked.Join(t.Context()))
	rejected(t, r, "the pool is never closed")
}

func TestCountPrimesRejectsAPoolLeftOpenWhenMapFails(t *testing.T) {
	var leaked []*processes.Pool
	closesOnSuccessOnly := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		counts, err := processes.Map(ctx, pool, count, ranges)
		if err != nil {
			leaked = append(leaked, pool)
			return nil, err // the pool is left running
		}
		pool.Close()
		return counts, pool.Join(ctx)
	}
	r := check.CountPrimes.Run(closesOnSuccessOnly, roomy)
	for _, p := range leaked {
		p.Terminate()
		require.NoError(t, p.Join(t.Context()))
	}
	rejected(t, r, "when Map fails, the pool is never closed")
}

func TestCountPrimesRejectsResultsInFinishingOrder(t *testing.T) {
	finishingOrder := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		defer func() {
			pool.Close()
			_ = pool.Join(ctx)
		}()
		var mu sync.Mutex
		var out []int
		var wg sync.WaitGroup
		for _, r := range ranges {
			wg.Add(1)
			if _, err := processes.ApplyAsync(ctx, pool, count, r, func(n int, _ error) {
				defer wg.Done()
				mu.Lock()
				out = append(out, n) // in the order the tasks finish
				mu.Unlock()
			}); err != nil {
				return nil, err
			}
		}
		wg.Wait()
		return out, nil
	}
	rejected(t, check.CountPrimes.Run(finishingOrder, roomy), "in the order the tasks finished")
}

// A pool closed but never joined: its workers exit microseconds after the
// last result, so the check holds them (it keeps their pipe from the pool
// open) until the answer waits in Join or returns.
func TestCountPrimesRejectsAPoolClosedButNeverJoined(t *testing.T) {
	var made madePools
	closesOnly := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := made.make(workers)
		if err != nil {
			return nil, err
		}
		defer pool.Close() // no Join: the workers may still be running when it returns
		return processes.Map(ctx, pool, count, ranges)
	}
	r := check.CountPrimes.Run(closesOnly, roomy)
	made.end(t)
	rejected(t, r, "the pool was closed but never joined")
}

func TestCountPrimesRejectsAPoolNotJoinedWhenMapFails(t *testing.T) {
	var made madePools
	joinsOnSuccessOnly := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := made.make(workers)
		if err != nil {
			return nil, err
		}
		counts, err := processes.Map(ctx, pool, count, ranges)
		pool.Close()
		if err != nil {
			return nil, err // closed, never joined
		}
		return counts, pool.Join(ctx)
	}
	r := check.CountPrimes.Run(joinsOnSuccessOnly, roomy)
	made.end(t)
	rejected(t, r, "when Map fails, the pool was closed but never joined")
}

// A pool of the right size, given one range at a time: the pool is not too
// small, the ranges are mapped one after the other.
func TestCountPrimesRejectsAMapPerRange(t *testing.T) {
	mapPerRange := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		return onPool(ctx, workers, func(pool *processes.Pool) (counts []int, err error) {
			for _, r := range ranges {
				n, err := processes.Map(ctx, pool, count, []check.Range{r})
				if err != nil {
					return nil, err
				}
				counts = append(counts, n...)
			}
			return counts, nil
		})
	}
	rejected(t, check.CountPrimes.Run(mapPerRange, quick, roomy), "the ranges run one after the other")
}

// The ranges are out of order: counts sorted either way are wrong.
func TestCountPrimesRejectsSortedCounts(t *testing.T) {
	sorted := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) (counts []int, err error) {
		counts, err = solved(ctx, count, ranges, workers)
		slices.Sort(counts)
		return counts, err
	}
	rejected(t, check.CountPrimes.Run(sorted, roomy), "the counts were sorted")
}

func TestCountPrimesRejectsADroppedError(t *testing.T) {
	dropsErrors := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		counts, _ := solved(ctx, count, ranges, workers)
		return counts, nil
	}
	rejected(t, check.CountPrimes.Run(dropsErrors, roomy), "the error Map returned was dropped")
}

// solved is a right answer, for wrong answers that spoil its result.
func solved(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
	return onPool(ctx, workers, func(pool *processes.Pool) ([]int, error) { return processes.Map(ctx, pool, count, ranges) })
}

// onPool runs use on a new pool of workers, then closes and joins it.
func onPool(ctx context.Context, workers int, use func(*processes.Pool) ([]int, error)) (counts []int, err error) {
	pool, err := processes.NewPool(workers)
	if err != nil {
		return nil, err
	}
	defer func() {
		pool.Close()
		err = errors.Join(err, pool.Join(ctx))
	}()
	return use(pool)
}

// A right answer unlike the solution: ApplyAsync for every range, then
// Close and Join while the tasks still run (Join waits for the callbacks),
// then the counts by index. The check's hold on the workers must not
// stop its Join.
func TestCountPrimesAcceptsApplyAsyncJoinedWhileTasksRun(t *testing.T) {
	joinedEarly := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		counts := make([]int, len(ranges))
		errs := make([]error, len(ranges))
		for i, r := range ranges {
			if _, err := processes.ApplyAsync(ctx, pool, count, r, func(n int, err error) { counts[i], errs[i] = n, err }); err != nil {
				errs[i] = err
			}
		}
		pool.Close()
		return counts, errors.Join(append(errs, pool.Join(ctx))...)
	}
	r := check.CountPrimes.Run(joinedEarly, roomy)
	require.Equal(t, exercise.Passed, r.Status, r.Message)
}

// A right answer unlike the solution: callbacks fill the counts, read
// once every task's Get has returned (Get returns after the callback, as in
// Python), with the pool closed and joined by defer.
func TestCountPrimesAcceptsCallbacksReadAfterEveryGet(t *testing.T) {
	afterGets := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		defer func() {
			pool.Close()
			_ = pool.Join(ctx)
		}()
		counts := make([]int, len(ranges))
		errs := make([]error, len(ranges))
		var results []*processes.AsyncResult[int]
		for i, r := range ranges {
			res, err := processes.ApplyAsync(ctx, pool, count, r, func(n int, err error) { counts[i], errs[i] = n, err })
			if err != nil {
				return nil, err
			}
			results = append(results, res)
		}
		for _, res := range results {
			_, _ = res.Get(ctx) // the callback has stored the result
		}
		return counts, errors.Join(errs...)
	}
	r := check.CountPrimes.Run(afterGets, roomy)
	require.Equal(t, exercise.Passed, r.Status, r.Message)
}

// Terminate, with no Join: the workers die at once and the library reaps
// them, but the pool's readers of their pipes are held by the check, so
// the answer is seen returning before the pool has ended.
func TestCountPrimesRejectsAPoolTerminatedButNeverJoined(t *testing.T) {
	var made madePools
	defer made.end(t)
	terminated := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := made.make(workers)
		if err != nil {
			return nil, err
		}
		defer pool.Terminate()
		return processes.Map(ctx, pool, count, ranges)
	}
	rejected(t, check.CountPrimes.Run(terminated, roomy), "the pool was terminated but never joined",
		"the pool was closed but never joined") // a terminated pool whose workers have not yet taken the signal looks closed
}

// Join deferred after Close runs first: it fails at once (the pool is
// still open) and the workers are left to exit on their own.
func TestCountPrimesRejectsJoinBeforeClose(t *testing.T) {
	var made madePools
	defer made.end(t)
	joinFirst := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := made.make(workers)
		if err != nil {
			return nil, err
		}
		defer pool.Close()
		defer func() { _ = pool.Join(ctx) }() // runs before Close
		return processes.Map(ctx, pool, count, ranges)
	}
	rejected(t, check.CountPrimes.Run(joinFirst, roomy), "a Join before Close fails at once")
}

// ApplyAsync then Get for each range: the next range is sent only once the
// last has come back.
func TestCountPrimesRejectsGetAfterEachApplyAsync(t *testing.T) {
	getEach := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		return onPool(ctx, workers, func(pool *processes.Pool) (counts []int, err error) {
			for _, r := range ranges {
				res, err := processes.ApplyAsync(ctx, pool, count, r, nil)
				if err != nil {
					return nil, err
				}
				n, err := res.Get(ctx)
				if err != nil {
					return nil, err
				}
				counts = append(counts, n)
			}
			return counts, nil
		})
	}
	rejected(t, check.CountPrimes.Run(getEach, quick, roomy), "each range's result is waited for (Get) before the next range is sent")
}

// One chunk holding every range: Map is given them all at once, but one
// worker runs them one after the other.
func TestCountPrimesRejectsOneChunkOfAll(t *testing.T) {
	oneChunk := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		return onPool(ctx, workers, func(pool *processes.Pool) ([]int, error) {
			return processes.Map(ctx, pool, count, ranges, processes.WithChunkSize(len(ranges)))
		})
	}
	rejected(t, check.CountPrimes.Run(oneChunk, quick, roomy), "one chunk of them all")
}

// A goroutine per range, each mapping its range, and nothing waits for
// them: CountPrimes returns while they still wait in Map.
func TestCountPrimesRejectsGoroutinesNeverWaitedFor(t *testing.T) {
	var made madePools
	defer made.end(t)
	var waiters sync.WaitGroup // the test's, not the answer's
	defer waiters.Wait()
	unwaited := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := made.make(workers)
		if err != nil {
			return nil, err
		}
		counts := make(chan []int, len(ranges))
		for _, r := range ranges {
			waiters.Go(func() {
				n, _ := processes.Map(ctx, pool, count, []check.Range{r})
				counts <- n
			})
		}
		return make([]int, len(ranges)), nil
	}
	rejected(t, check.CountPrimes.Run(unwaited, roomy), "goroutines of yours were never waited for")
}

// A pool sized by the machine, not by the workers argument: the check never
// asks for runtime.NumCPU() workers, so this shows on every machine.
func TestCountPrimesRejectsAPoolOfNumCPU(t *testing.T) {
	byMachine := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, _ int) ([]int, error) {
		return solved(ctx, count, ranges, runtime.NumCPU())
	}
	rejected(t, check.CountPrimes.Run(byMachine, quick, roomy), "the pool is too small", "make the pool with the workers argument")
}

// A pool made, closed and joined, but no range handed to it: count never
// ran, and the counts are not counted in this process either.
func TestCountPrimesRejectsNothingHandedToThePool(t *testing.T) {
	nothingMapped := func(ctx context.Context, _ *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		return onPool(ctx, workers, func(*processes.Pool) ([]int, error) { return make([]int, len(ranges)), nil })
	}
	rejected(t, check.CountPrimes.Run(nothingMapped, roomy), "no range was handed to the pool")
}

// One error variable set by goroutines of the answer's, a Map each: right
// while one task fails, a data race when two fail at once (race detector
// only: whichever write wins, the error looks right).
func TestCountPrimesRejectsOneErrorSetByTwoGoroutines(t *testing.T) {
	sharedErr := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		defer func() {
			pool.Close()
			_ = pool.Join(ctx)
		}()
		counts := make([]int, len(ranges))
		var firstErr error
		var wg sync.WaitGroup
		for i, r := range ranges {
			wg.Go(func() {
				got, err := processes.Map(ctx, pool, count, []check.Range{r})
				if err != nil {
					firstErr = err // no mutex
					return
				}
				counts[i] = got[0]
			})
		}
		wg.Wait()
		return counts, firstErr
	}
	out := exercise.ExpectRace(t, func() { check.CountPrimes.Test(t, sharedErr, roomy) })
	if out == "" {
		return // in the copy of the test binary that ran the racy code
	}
	require.Contains(t, out, "one error variable that two goroutines of yours set when two tasks fail")
}
