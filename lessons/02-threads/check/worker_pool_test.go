package check_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
	"github.com/gophertutor/concurrency/lessons/02-threads/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type workFunc = func(ctx context.Context, job int) (int, error)

// pool is a worker pool with the mistakes a learner may make switched on.
type pool struct {
	workers      func(asked int) int
	dropFailed   bool
	quitOnError  bool // a worker returns after a failed job
	ignoreCtx    bool // waits for jobs without watching ctx
	blockingSend bool // sends results without watching ctx
	neverClose   bool
	goPerJob     bool
	mu           sync.Mutex
	unclosed     []func() // closes what a neverClose pool left open
	afterReturn  sync.WaitGroup
}

func (p *pool) run(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
	results := make(chan threads.Result[int])
	var wg sync.WaitGroup
	worker := func(job int) (more bool) {
		v, err := work(ctx, job)
		if err != nil && p.dropFailed {
			return true
		}
		more = err == nil || !p.quitOnError
		if p.blockingSend {
			results <- threads.Result[int]{Job: job, Value: v, Err: err}
			return more
		}
		select {
		case results <- threads.Result[int]{Job: job, Value: v, Err: err}:
			return more
		case <-ctx.Done():
			return false
		}
	}
	if p.goPerJob {
		wg.Go(func() {
			var each sync.WaitGroup
			for job := range jobs {
				each.Go(func() { worker(job) })
			}
			each.Wait()
		})
	} else {
		for range p.workers(workers) {
			wg.Go(func() {
				for {
					var job int
					if p.ignoreCtx {
						j, ok := <-jobs
						if !ok {
							return
						}
						job = j
					} else {
						select {
						case <-ctx.Done():
							return
						case j, ok := <-jobs:
							if !ok {
								return
							}
							job = j
						}
					}
					if !worker(job) {
						return
					}
				}
			})
		}
	}
	if p.neverClose {
		p.mu.Lock()
		p.unclosed = append(p.unclosed, func() {
			wg.Wait()
			close(results)
		})
		p.mu.Unlock()
		return results
	}
	p.afterReturn.Go(func() {
		wg.Wait()
		close(results)
	})
	return results
}

// release closes the channels a neverClose pool left open, so that the
// check's reader ends.
func (p *pool) release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, closeIt := range p.unclosed {
		closeIt()
	}
	p.unclosed = nil
}

func asked(n int) int { return n }

func TestWorkerPoolAcceptsTheTestsOwnPool(t *testing.T) {
	p := &pool{workers: asked}
	r := check.WorkerPool.Run(p.run)
	p.afterReturn.Wait()
	require.Equal(t, exercise.Passed, r.Status, r.Message)
}

func TestWorkerPoolRejectsOneWorker(t *testing.T) {
	p := &pool{workers: func(int) int { return 1 }}
	r := check.WorkerPool.Run(p.run, quick)
	p.afterReturn.Wait()
	rejected(t, r, "one after the other")
}

func TestWorkerPoolRejectsAGoroutinePerJob(t *testing.T) {
	p := &pool{goPerJob: true}
	r := check.WorkerPool.Run(p.run, quick)
	p.afterReturn.Wait()
	rejected(t, r, "a goroutine per job")
}

func TestWorkerPoolRejectsDroppingFailedJobs(t *testing.T) {
	p := &pool{workers: asked, dropFailed: true}
	r := check.WorkerPool.Run(p.run, quick)
	p.afterReturn.Wait()
	rejected(t, r, "the failed job's result was dropped")
}

func TestWorkerPoolRejectsNeverClosingTheResults(t *testing.T) {
	p := &pool{workers: asked, neverClose: true}
	r := check.WorkerPool.Run(p.run, quick)
	p.release()
	rejected(t, r, "the sender closes it")
	assert.Equal(t, "the results channel of WorkerPool(ctx, 6 jobs, 3 workers, work) to close once the result of every job has been sent (jobs is closed after the last job)",
		r.Mistake.Expected)
}

func TestWorkerPoolRejectsWaitingForTheWorkersBeforeReturning(t *testing.T) {
	var (
		mu       sync.Mutex
		channels []chan threads.Result[int]
	)
	waits := func(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
		results := make(chan threads.Result[int])
		mu.Lock()
		channels = append(channels, results)
		mu.Unlock()
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for job := range jobs {
					v, err := work(ctx, job)
					results <- threads.Result[int]{Job: job, Value: v, Err: err} // nobody reads yet
				}
			})
		}
		wg.Wait() // waits for ever: the workers wait for a reader
		close(results)
		return results
	}
	r := check.WorkerPool.Run(waits, quick)
	// Read what the stuck workers are sending, so that they and the
	// check's call of WorkerPool can end and the package ends clean.
	mu.Lock()
	for _, ch := range channels {
		for range ch {
		}
	}
	mu.Unlock()
	rejected(t, r, "return the results channel at once")
	assert.Equal(t, "WorkerPool(ctx, 6 jobs, 3 workers, work) to return", r.Mistake.Expected)
}

func TestWorkerPoolRejectsIgnoringTheContext(t *testing.T) {
	p := &pool{workers: asked, ignoreCtx: true}
	r := check.WorkerPool.Run(p.run, quick)
	p.afterReturn.Wait()
	rejected(t, r, "Wait in a select on ctx.Done() and the jobs channel")
	assert.Equal(t, "the results channel of WorkerPool(ctx, jobs, 2 workers, work) to close once ctx is cancelled, although jobs is never closed",
		r.Mistake.Expected)
	assert.Equal(t, "it was still open 100ms after the cancellation", r.Mistake.Got)
}

func TestWorkerPoolRejectsSendingWithoutWatchingTheContext(t *testing.T) {
	p := &pool{workers: asked, blockingSend: true}
	// Its pool is right until the cancellation: a longer patience keeps a
	// busy machine (or the race detector) from making it look stalled.
	r := check.WorkerPool.Run(p.run, exercise.Options(quick, exercise.WithPatience(time.Second)))
	p.afterReturn.Wait()
	rejected(t, r, "send in a select with ctx.Done()")
}

func TestWorkerPoolRejectsARacyCountOfWorkers(t *testing.T) {
	racy := func(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
		results := make(chan threads.Result[int], 16)
		running := workers
		for range workers {
			go func() {
				defer func() {
					running-- // a data race: the last one out closes
					if running == 0 {
						close(results)
					}
				}()
				for { // right, but for the count
					var job int
					select {
					case <-ctx.Done():
						return
					case j, ok := <-jobs:
						if !ok {
							return
						}
						job = j
					}
					v, err := work(ctx, job)
					select {
					case results <- threads.Result[int]{Job: job, Value: v, Err: err}:
					case <-ctx.Done():
						return
					}
				}
			}()
		}
		return results
	}
	out := exercise.ExpectRace(t, func() { check.WorkerPool.Test(t, racy, quick) })
	raceExplained(t, out, "a count of running workers", "a result was lost", "results channel")
}

// A worker that stops at its job's failure: every result still arrives
// (the others take the jobs left), so only the jobs in flight show it. The
// check's failing job is not the last to finish.
func TestWorkerPoolRejectsAWorkerThatStopsOnAFailure(t *testing.T) {
	p := &pool{workers: asked, quitOnError: true}
	r := check.WorkerPool.Run(p.run, quick)
	p.afterReturn.Wait()
	rejected(t, r, "a worker stops when its job fails")
}

// The first worker out closes the results (a sync.Once): the workers still
// running a job would then send on a closed channel, a panic that would end
// the test binary. The check holds them and names the mistake.
func TestWorkerPoolRejectsTheFirstWorkerOutClosingTheResults(t *testing.T) {
	firstOut := func(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
		results := make(chan threads.Result[int])
		var once sync.Once
		for range workers {
			go func() {
				defer once.Do(func() { close(results) })
				for job := range jobs {
					v, err := work(ctx, job)
					select {
					case results <- threads.Result[int]{Job: job, Value: v, Err: err}:
					case <-ctx.Done():
						return
					}
				}
			}()
		}
		return results
	}
	// On a busy machine a worker can pass the check's look before another
	// closes the results, and then crash the program on its send.
	exercise.RejectedOrCrashed(t, "send on closed channel", func() {
		rejected(t, check.WorkerPool.Run(firstOut, quick), "the first worker to finish closes the results channel")
	})
}

// Each worker closes the results as it returns: the second close would
// panic, and so would a send after the first.
func TestWorkerPoolRejectsEveryWorkerClosingTheResults(t *testing.T) {
	eachCloses := func(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
		results := make(chan threads.Result[int], workers)
		for range workers {
			go func() {
				defer close(results)
				for job := range jobs {
					v, err := work(ctx, job)
					results <- threads.Result[int]{Job: job, Value: v, Err: err}
				}
			}()
		}
		return results
	}
	exercise.RejectedOrCrashed(t, "send on closed channel", func() {
		rejected(t, check.WorkerPool.Run(eachCloses, quick), "the first worker to finish closes the results channel")
	})
}

// results buffered for one per worker, sent without watching ctx: the
// check's unread results outnumber the buffer, so the workers end up
// stuck on a send after the cancellation.
func TestWorkerPoolRejectsABufferInsteadOfWatchingTheContext(t *testing.T) {
	var left sync.WaitGroup
	buffered := func(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
		results := make(chan threads.Result[int], workers) // "room enough"
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for {
					select {
					case <-ctx.Done():
						return
					case job, ok := <-jobs:
						if !ok {
							return
						}
						v, err := work(ctx, job)
						results <- threads.Result[int]{Job: job, Value: v, Err: err}
					}
				}
			})
		}
		left.Go(func() { wg.Wait(); close(results) })
		return results
	}
	rejected(t, check.WorkerPool.Run(buffered, quick), "a worker is stuck sending a result that nobody reads")
	left.Wait() // the check drains the results it left unread
}

// work run with a context of its own: cancelling the pool would not reach
// the jobs running.
func TestWorkerPoolRejectsWorkWithAContextOfItsOwn(t *testing.T) {
	own := func(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
		results := make(chan threads.Result[int])
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for job := range jobs {
					v, err := work(context.Background(), job)
					select {
					case results <- threads.Result[int]{Job: job, Value: v, Err: err}:
					case <-ctx.Done():
						return
					}
				}
			})
		}
		go func() { wg.Wait(); close(results) }()
		return results
	}
	rejected(t, check.WorkerPool.Run(own, quick), "work is called with context.Background()")
}

// wg.Add(1) inside each worker, and a goroutine that closes the results
// after wg.Wait(): where the workers start late (one busy core), the
// closer's Wait finds nothing to wait for and closes at once. The check
// runs the answer on one processor, where it does; under -race, whose
// scheduler shuffles the goroutines, the closer may wait, and the race
// detector reports the wg.Add racing with its wg.Wait.
func TestWorkerPoolRejectsWgAddInsideTheWorkers(t *testing.T) {
	addInside := func(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
		results := make(chan threads.Result[int])
		var wg sync.WaitGroup
		for range workers {
			go func() {
				defer wg.Done()
				wg.Add(1) // too late: the closer may already have waited (go vet sees it when it comes first)
				for {
					select {
					case <-ctx.Done():
						return
					case job, ok := <-jobs:
						if !ok {
							return
						}
						v, err := work(ctx, job)
						select {
						case results <- threads.Result[int]{Job: job, Value: v, Err: err}:
						case <-ctx.Done():
							return
						}
					}
				}
			}()
		}
		go func() {
			wg.Wait()
			close(results)
		}()
		return results
	}
	// The default patience: the check holds a worker that would send on the
	// closed results only once the answer has settled, and a busy machine
	// (the race detector, other tests) can outlast a short patience.
	exercise.RejectedOrRaceReported(t, check.WorkerPool, addInside,
		"wg.Add(1) runs inside the worker goroutines", "wg.Add(1) inside the workers")
}

// A count of running workers that each worker adds itself to as it starts,
// the last one out closing the results: on one core the first worker can
// end before the next has started, the count reaches zero twice, and the
// second close panics. Nothing can recover a panic in the answer's own
// goroutine: the test program crashes (and the check table explains it).
func TestWorkerPoolRejectsACountTheWorkersAddThemselvesTo(t *testing.T) {
	selfCounted := func(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
		results := make(chan threads.Result[int])
		var running atomic.Int32
		for range workers {
			go func() {
				running.Add(1) // too late: the others may have been and gone
				defer func() {
					if running.Add(-1) == 0 {
						close(results)
					}
				}()
				for job := range jobs {
					v, err := work(ctx, job)
					select {
					case results <- threads.Result[int]{Job: job, Value: v, Err: err}:
					case <-ctx.Done():
						return
					}
				}
			}()
		}
		return results
	}
	exercise.ExpectCrash(t, "close of closed channel", func() { check.WorkerPool.Test(t, selfCounted, quick) })
}
