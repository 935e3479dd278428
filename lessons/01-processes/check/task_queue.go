package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Work is what each worker of exercise 2 is given: the queue of tasks, the
// queue for what is done, and the check's probe.
type Work struct {
	Tasks   *processes.Queue[string]
	Results *processes.Queue[string]
	Probe   Probe
}

// Drain is exercise 2's worker: once the check lets it start, it takes
// tasks with TryGet until the queue is empty, puts "<task> done by
// <process name>" on Results for each (waiting while a bounded queue is
// full), and returns how many it did, once the check lets it.
var Drain = processes.Register("check01.Drain", func(ctx context.Context, w Work) (int, error) {
	if err := w.Probe.enter(ctx, 0, 0); err != nil {
		return 0, err
	}
	defer w.Probe.leave(ctx)
	done := 0
	for {
		task, err := w.Tasks.TryGet()
		if errors.Is(err, processes.ErrEmpty) {
			return done, w.Probe.finish(ctx)
		}
		if err != nil {
			return done, err
		}
		result := task + " done by " + processes.Current().Name
		err = w.Results.TryPut(result)
		if errors.Is(err, processes.ErrFull) {
			w.Probe.full(ctx)
			err = w.Results.Put(ctx, result)
		}
		if err != nil {
			return done, err
		}
		done++
	}
})

// TaskQueueFunc is the signature of exercise 2.
type TaskQueueFunc func(ctx context.Context, drain *processes.Func[Work, int], probe Probe, tasks []string, workers int) ([]string, error)

// TaskQueue is exercise 2: the Python lesson's task queue, with every
// result brought back.
var TaskQueue = exercise.Exercise[TaskQueueFunc]{
	Info: exercise.Info{
		Name: "TaskQueue",
		// One slice that the goroutines waiting for the workers append
		// to: the appends take nanoseconds, and no check can hold one.
		RaceSensitive: true,
		File:          "lessons/01-processes/exercises/task_queue.go",
		Section:       readme + "#exercise-2-a-task-queue",
		Hint: "make both queues and put every task; start all the workers (processes.New(drain, work).Start) " +
			"before waiting for any; Wait for all of them; only then take the results off the queue with TryGet until ErrEmpty",
		Race: "a slice or counter of your own shared by goroutines (each waiting for a worker, or taking results off the queue) " +
			"with no mutex: the queue is safe to share, your variables are not. Take the results off in one goroutine, " +
			"after Wait has returned for every worker",
	},
	Check: checkTaskQueue,
}

// putFrame is the frame of a goroutine waiting in Queue.Put.
const putFrame = ".(*Queue[...]).Put("

// taskCount is how many tasks exercise 2 hands out: more than a results
// queue made with a small capacity holds, so that waiting for the workers
// before taking the results off such a queue never ends.
const taskCount = 24

func checkTaskQueue(c *exercise.C, impl TaskQueueFunc) {
	workers := notNumCPU(4)
	tasks := make([]string, taskCount)
	for i := range tasks {
		tasks[i] = fmt.Sprintf("task no %d", (i*7)%taskCount) // not in order
	}
	w, probes := newWatch(1, workers, true, false)
	before := c.ProcessSnapshot()
	w.start(c, before)
	defer w.stop()
	var (
		got []string
		err error
	)
	stopWatching := watchFirstStart()
	c.OnOneProcessor(func() { // goroutines start once the caller blocks: a Wait before their wg.Add shows
		c.CallExplained(fmt.Sprintf("TaskQueue(ctx, drain, probe, %d tasks, %d)", len(tasks), workers), func() string {
			if w.arrived.Load() == 0 && c.Learners(putFrame) > 0 {
				return "it waits to put a task on a full task queue: the queue has a bound (processes.NewQueue[string](n) with " +
					"n > 0) smaller than the number of tasks, and no worker takes from it yet, since the workers start once the " +
					"tasks are in. Make the task queue with no bound: processes.NewQueue[string](0)"
			}
			if w.sawFull() {
				return "the results queue is full and nothing takes results off it: the workers wait to put theirs, " +
					"and Wait waits for the workers. Make the results queue with no bound (processes.NewQueue[string](0)), " +
					"or take the results off before you Wait"
			}
			return "it never returns: is it waiting for a result that never comes, or getting from an empty queue without a timeout?"
		}, func() { got, err = impl(context.Background(), Drain, probes[0], slices.Clone(tasks), workers) })
	})
	queuedAtStart, started := stopWatching()
	left := before.Left() // the workers are held until the answer waits for them
	waiting := stillWaiting(c)
	w.stop()

	if err != nil {
		c.Fail(exercise.Mistake{Expected: "TaskQueue to succeed", Got: "it returned the error: " + err.Error(),
			Likely: "read the error: it says which step failed"})
	}
	unwaited := "a worker was never waited for: call Wait on every process you start, " +
		"even once you have every result (a worker that has put its last result has not exited yet)"
	if waiting {
		unwaited = unwaitedGoroutines("TaskQueue")
	}
	c.NoProcessesLeft(left, "TaskQueue", unwaited)
	pids := map[int]bool{}
	for _, a := range w.arrivals {
		pids[a.PID] = true
	}
	switch {
	case len(w.arrivals) == 0 && waiting:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d worker processes running drain", workers),
			Got:      "TaskQueue returned before drain ran",
			Likely:   unwaitedGoroutines("TaskQueue"),
		})
	case len(w.arrivals) == 0:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d worker processes running drain", workers),
			Got:      "drain never ran in a child process",
			Likely:   "start processes.New(drain, work) for each worker, with the probe in work.Probe",
		})
	case len(pids) != workers:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d worker processes", workers),
			Got:      fmt.Sprintf("%d ran drain", len(pids)),
			Likely:   "start exactly workers processes (the workers argument), each running drain with the same queues",
		})
	case w.broken:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("all %d workers running at the same time", workers),
			Got:      fmt.Sprintf("at most %d ran at once (waited %v)", w.peak, c.Patience()),
			Likely:   "each worker is waited for before the next starts, so the first does every task: start them all, then wait for them all",
		})
	}
	if started && queuedAtStart < len(tasks) {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("every task on the queue before the first worker starts (%d tasks)", len(tasks)),
			Got:      fmt.Sprintf("the task queue held %d when the first worker started", queuedAtStart),
			Likely: "the workers were started before the tasks were put: drain takes tasks until the queue is empty " +
				"(TryGet, as the Python lesson's get_nowait), so a worker that starts first may find it empty and end at " +
				"once, leaving the tasks put later to the others, or to nobody. Put every task, then start the workers",
		})
	}
	sorted := slices.Clone(got)
	sort.Strings(sorted)
	var doneTasks []string
	for _, r := range sorted {
		task, by, ok := strings.Cut(r, " done by ")
		if !ok || !strings.HasPrefix(by, "Process-") {
			c.Fail(exercise.Mistake{Expected: "results like \"task no 0 done by Process-3\", as drain puts them",
				Got: fmt.Sprintf("%q", r), Likely: "return what drain put on the results queue, as it is"})
		}
		doneTasks = append(doneTasks, task)
	}
	sortedTasks := slices.Sorted(slices.Values(tasks))
	if !slices.Equal(doneTasks, sortedTasks) {
		likely := "results were lost: take them off the results queue after every worker has finished " +
			"(Wait for all, then TryGet until ErrEmpty), not while they still run"
		if len(got) > len(tasks) {
			likely = "results were returned more than once: return each result you took off the queue once"
		}
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("each of the %d tasks done exactly once", len(tasks)),
			Got:      fmt.Sprintf("%d results: %q", len(got), got),
			Likely:   likely,
		})
	}
	checkTaskQueueWorkerDies(c, impl)
}

// checkTaskQueueWorkerDies runs exercise 2 once more and kills the worker
// started first once every worker has done its tasks; the others are let
// go one at a time, each once the answer waits again. Its error must come
// back, after every other worker has been waited for. On a busy machine the
// patience may run out before every worker is done, and let some go: then
// the run is tried again, up to three times.
func checkTaskQueueWorkerDies(c *exercise.C, impl TaskQueueFunc) {
	for range 3 {
		if workerKilled(c, impl) {
			return
		}
	}
}

// workerKilled is one run of checkTaskQueueWorkerDies; it reports whether
// the worker was killed (and so whether the run could judge).
func workerKilled(c *exercise.C, impl TaskQueueFunc) bool {
	workers := notNumCPU(3)
	tasks := []string{"a", "b", "c", "d", "e", "f"}
	w, probes := newWatch(1, workers, true, false)
	w.killFirst = true
	before := c.ProcessSnapshot()
	w.start(c, before)
	defer w.stop()
	var err error
	c.Call(fmt.Sprintf("TaskQueue(ctx, drain, probe, %d tasks, %d) with the first worker killed once its tasks are done",
		len(tasks), workers), "it never returns once a worker is killed: is it waiting for that worker's results or count?",
		func() { _, err = impl(context.Background(), Drain, probes[0], tasks, workers) })
	left := before.Left()
	w.stop()
	if !w.killed.Load() {
		c.NoProcessesLeft(left, "TaskQueue", "a worker was never waited for: call Wait on every process you start")
		return false
	}
	c.NoProcessesLeft(left, "TaskQueue, even when a worker fails",
		"when a worker failed, TaskQueue returned without waiting for the workers still running: keep the error, "+
			"go on waiting for every worker, then return it (errors.Join keeps several)")
	if err == nil {
		c.Fail(exercise.Mistake{
			Expected: "the error Wait gave for the worker that was killed",
			Got:      "no error",
			Likely:   "the error of a worker's Wait was dropped: return it (errors.Join keeps several)",
		})
	}
	return true
}
