package check_test

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/gophertutor/concurrency/lessons/02-threads/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
	"github.com/stretchr/testify/assert"
)

type runFunc = func(ctx context.Context, task int)

func TestFinishEarlyRejectsOneAfterTheOther(t *testing.T) {
	sequential := func(ctx context.Context, units []int, _ int, run runFunc) {
		for i := range units {
			run(ctx, i)
		}
	}
	rejected(t, check.FinishEarly.Run(sequential, quick), "one after the other")
}

func TestFinishEarlyRejectsAGoroutinePerTask(t *testing.T) {
	unbounded := func(ctx context.Context, units []int, _ int, run runFunc) {
		var wg sync.WaitGroup
		for i := range units {
			wg.Go(func() { run(ctx, i) })
		}
		wg.Wait()
	}
	rejected(t, check.FinishEarly.Run(unbounded, quick), "a goroutine per task")
}

// queueInOrder is a correct pool on a shared queue, taking the tasks in
// the given order.
func queueInOrder(ctx context.Context, units []int, workers int, run runFunc) {
	queue := make(chan int, len(units))
	for i := range units {
		queue <- i
	}
	close(queue)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range queue {
				run(ctx, i)
			}
		})
	}
	wg.Wait()
}

func TestFinishEarlyRejectsTheGivenOrder(t *testing.T) {
	r := check.FinishEarly.Run(queueInOrder, quick)
	rejected(t, r, "taken in the order given")
	assert.Equal(t, "it finished at 7 units: task 0 (3 units) started at 0, while task 3 (4 units) waited until 3; the tasks started in the order given", r.Mistake.Got)
}

func TestFinishEarlyRejectsAListPerWorker(t *testing.T) {
	contiguous := func(ctx context.Context, units []int, workers int, run runFunc) {
		var wg sync.WaitGroup
		for w := range workers {
			lo, hi := w*len(units)/workers, (w+1)*len(units)/workers
			wg.Go(func() {
				for i := lo; i < hi; i++ {
					run(ctx, i)
				}
			})
		}
		wg.Wait()
	}
	rejected(t, check.FinishEarly.Run(contiguous, quick), "divided")
}

// TestFinishEarlyRejectsSortedListsPerWorker keeps the answer that sorts
// longest first, then deals the tasks out in turn into a list per worker.
// On [3 1 2 4] with 2 workers it finishes at 6 units, as the queue sorted
// shortest first does; the order in which the tasks started tells the two
// apart.
func TestFinishEarlyRejectsSortedListsPerWorker(t *testing.T) {
	dealt := func(ctx context.Context, units []int, workers int, run runFunc) {
		order := make([]int, len(units))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(units[b], units[a]) })
		lists := make([][]int, workers)
		for n, task := range order {
			lists[n%workers] = append(lists[n%workers], task)
		}
		var wg sync.WaitGroup
		for _, list := range lists {
			wg.Go(func() {
				for _, task := range list {
					run(ctx, task)
				}
			})
		}
		wg.Wait()
	}
	r := check.FinishEarly.Run(dealt, quick)
	rejected(t, r, "sorted longest first, then divided before the start, a list per worker (dealt out in turn)")
	assert.Equal(t, "it finished at 6 units: task 1 (1 unit) started at 3, while task 2 (2 units) waited until 4; the longest tasks started first", r.Mistake.Got)
	assert.NotContains(t, r.Message, "taken in the order given")
}

func TestFinishEarlyRejectsNotWaiting(t *testing.T) {
	var wg sync.WaitGroup
	defer wg.Wait() // this test waits for what the wrong answer does not
	noWait := func(ctx context.Context, units []int, workers int, run runFunc) {
		wg.Go(func() { queueInOrder(ctx, units, workers, run) }) // and returns at once
	}
	rejected(t, check.FinishEarly.Run(noWait, quick), "nothing waited for the workers")
}

func TestFinishEarlyRejectsRunningATaskTwice(t *testing.T) {
	twice := func(ctx context.Context, units []int, workers int, run runFunc) {
		queueInOrder(ctx, append(slices.Clone(units), units...), workers, func(ctx context.Context, i int) { run(ctx, i%max(len(units), 1)) })
	}
	rejected(t, check.FinishEarly.Run(twice, quick), "run each index of units once")
}

// queueShortestFirst is a shared queue sorted the wrong way round. On tasks
// given sorted, it cannot be told from the order given: the check's first
// tasks are not sorted.
func queueShortestFirst(ctx context.Context, units []int, workers int, run runFunc) {
	order := make([]int, len(units))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(units[a], units[b]) })
	queue := make(chan int, len(order))
	for _, task := range order {
		queue <- task
	}
	close(queue)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for task := range queue {
				run(ctx, task)
			}
		})
	}
	wg.Wait()
}

func TestFinishEarlyRejectsShortestFirst(t *testing.T) {
	r := check.FinishEarly.Run(queueShortestFirst, quick)
	rejected(t, r, "the queue is sorted shortest first")
	assert.Equal(t, "it finished at 6 units: task 1 (1 unit) started at 0, while task 3 (4 units) waited until 2; the tasks started shortest first", r.Mistake.Got)
}

// sharedIndex hands out tasks through an index that every worker reads,
// runs the task, then advances: the check holds the first task until every
// worker has read the index, so they all run task 0. (It is a data race
// too.)
func TestFinishEarlyRejectsASharedIndexAdvancedLate(t *testing.T) {
	sharedIndex := func(ctx context.Context, units []int, workers int, run runFunc) {
		next := 0
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for next < len(units) {
					run(ctx, next)
					next++
				}
			})
		}
		wg.Wait()
	}
	racy(t, func() { rejected(t, check.FinishEarly.Run(sharedIndex, quick), "Workers that share an index (next)") })
}

// An index taken and advanced at once, with no lock: the race window is
// two instructions long, no check can hold a worker inside it, and the
// race detector sees it. Its report is explained.
func TestFinishEarlyExplainsARaceOnASharedIndex(t *testing.T) {
	racyIndex := func(ctx context.Context, units []int, workers int, run runFunc) {
		tasks := longestFirstOrder(units)
		next := 0
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for {
					i := next // a data race: every worker reads and writes next
					next++
					if i >= len(tasks) {
						return
					}
					run(ctx, tasks[i])
				}
			})
		}
		wg.Wait()
	}
	out := exercise.ExpectRace(t, func() { check.FinishEarly.Test(t, racyIndex, quick) })
	raceExplained(t, out, "the workers share an index into the tasks", "run each index of units once", "workers that share an index, next")
}

func TestFinishEarlyRejectsAddInsideTheWorker(t *testing.T) {
	var done sync.WaitGroup
	defer done.Wait()
	addInside := func(ctx context.Context, units []int, workers int, run runFunc) {
		queue := make(chan int, len(units))
		for _, task := range longestFirstOrder(units) {
			queue <- task
		}
		close(queue)
		var wg sync.WaitGroup
		for range workers {
			done.Add(1)
			go func() {
				defer done.Done()
				wg.Add(1) // too late: Wait may have returned already
				defer wg.Done()
				for task := range queue {
					run(ctx, task)
				}
			}()
		}
		wg.Wait()
	}
	rejected(t, check.FinishEarly.Run(addInside, quick), "wg.Add(1) runs inside the worker")
}

// longestFirstOrder returns the indexes of units, longest task first.
func longestFirstOrder(units []int) []int {
	order := make([]int, len(units))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(units[b], units[a]) })
	return order
}

// sortedPlaces sorts a copy of the lengths longest first, then queues the
// places in that copy (0, 1, 2…) as if they were the tasks: which are the
// tasks in the order given.
func TestFinishEarlyRejectsQueueingPlacesInTheSortedCopy(t *testing.T) {
	sortedPlaces := func(ctx context.Context, units []int, workers int, run runFunc) {
		sorted := slices.Clone(units)
		slices.SortFunc(sorted, func(a, b int) int { return cmp.Compare(b, a) })
		queueInOrder(ctx, sorted, workers, run) // queues 0, 1, 2…: places in sorted, which run takes as tasks of units
	}
	rejected(t, check.FinishEarly.Run(sortedPlaces, quick), "sort the task indexes by their length, and queue those")
}

// The shared index read in one locked section and advanced in another:
// no data race, but two workers that look for a task together both read
// the same index. The check's round of many short tasks on every processor
// shows it (a task run twice); on one processor it cannot happen.
func TestFinishEarlyRejectsAnIndexReadAndAdvancedInTwoLocks(t *testing.T) {
	twoCPUs(t)
	twoLocks := func(ctx context.Context, units []int, workers int, run runFunc) {
		order := make([]int, len(units))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(units[b], units[a]) })
		var mu sync.Mutex
		next := 0
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for {
					mu.Lock()
					i := next
					mu.Unlock()
					if i >= len(order) {
						return
					}
					mu.Lock() // another worker may have read the same i meanwhile
					next++
					mu.Unlock()
					run(ctx, order[i])
				}
			})
		}
		wg.Wait()
	}
	rejectedInSomeRun(t, func() exercise.Result { return check.FinishEarly.Run(twoLocks, quick) },
		"read it in one locked section and advance it in")
}
