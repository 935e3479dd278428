package check_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
)

// --- exercise 1: CountPrimes ---

// joinAll joins pools a wrong answer left behind (closed or not), so that
// the test leaves no process behind.
func joinAll(t *testing.T, mu *sync.Mutex, pools []*processes.Pool) {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	for _, p := range pools {
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
	var (
		mu    sync.Mutex
		pools []*processes.Pool
	)
	closesOnly := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		pools = append(pools, pool)
		mu.Unlock()
		defer pool.Close() // no Join: the workers may still be running when it returns
		return processes.Map(ctx, pool, count, ranges)
	}
	r := check.CountPrimes.Run(closesOnly, roomy)
	joinAll(t, &mu, pools)
	rejected(t, r, "the pool was closed but never joined")
}

func TestCountPrimesRejectsAPoolNotJoinedWhenMapFails(t *testing.T) {
	var (
		mu    sync.Mutex
		pools []*processes.Pool
	)
	joinsOnSuccessOnly := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		mu.Lock()
		pools = append(pools, pool)
		mu.Unlock()
		counts, err := processes.Map(ctx, pool, count, ranges)
		pool.Close()
		if err != nil {
			return nil, err // closed, never joined
		}
		return counts, pool.Join(ctx)
	}
	r := check.CountPrimes.Run(joinsOnSuccessOnly, roomy)
	joinAll(t, &mu, pools)
	rejected(t, r, "when Map fails, the pool was closed but never joined")
}

// A pool of the right size, given one range at a time: the pool is not too
// small, the ranges are mapped one after the other.
func TestCountPrimesRejectsAMapPerRange(t *testing.T) {
	mapPerRange := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) (counts []int, err error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		defer func() {
			pool.Close()
			err = errors.Join(err, pool.Join(ctx))
		}()
		for _, r := range ranges {
			n, err := processes.Map(ctx, pool, count, []check.Range{r})
			if err != nil {
				return nil, err
			}
			counts = append(counts, n...)
		}
		return counts, nil
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
func solved(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) (counts []int, err error) {
	pool, err := processes.NewPool(workers)
	if err != nil {
		return nil, err
	}
	defer func() {
		pool.Close()
		err = errors.Join(err, pool.Join(ctx))
	}()
	return processes.Map(ctx, pool, count, ranges)
}
