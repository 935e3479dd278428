package check

import (
	"context"
	"errors"
	"fmt"
	"github.com/gophertutor/concurrency/lessons/06-beyond/check/catalog"
	"strings"
	"sync"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Job is exercise 2's task: run steps 0 to Steps-1 and add up what they
// return. ID names the job: its progress is kept under it.
type Job struct {
	ID    string
	Steps int
}

// StepFunc is one step of a job: what step i adds to the sum. Each takes
// as long as it takes; a worker can die in any of them.
type StepFunc func(ctx context.Context, i int) (int, error)

// ResumeFunc is the signature of exercise 2.
type ResumeFunc func(ctx context.Context, kv jetstream.KeyValue, job Job, step StepFunc) (int, error)

// Resume is exercise 2: a long job that keeps its progress in a bucket,
// and that a redelivery resumes where a killed worker left off.
var Resume = exercise.Exercise[ResumeFunc]{
	Info:  catalog.Resume,
	Check: checkResume,
}

// stepValue is what step i adds: every step a different amount, so that a
// step missing or counted twice shows in the sum.
func stepValue(i int) int { return (i + 1) * (i + 1) }

// steps is the check's step function: it counts its calls, and kills the
// worker in step crashAt (crashAt < 0: never).
type steps struct {
	mu      sync.Mutex
	calls   map[int]int // calls of each step
	done    map[int]int // calls of each step that returned its value
	crashAt int
	spy     *kvSpy // the worker's bucket, which dies with it
	// failing: step failAt fails with an error of its own (errStepFailed),
	// its worker alive.
	failing bool
	failAt  int
}

// errStepFailed is the own error of the step the check makes fail.
var errStepFailed = errors.New("check: the step failed on its own (its worker is alive)")

func (s *steps) step(ctx context.Context, i int) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[i]++
	if s.failing && i == s.failAt {
		return 0, fmt.Errorf("step %d: %w", i, errStepFailed)
	}
	if i == s.crashAt {
		s.crashAt = -1
		s.spy.die()
		return 0, fmt.Errorf("step %d: %w", i, ErrDied)
	}
	s.done[i]++
	return stepValue(i), nil
}

func (s *steps) counts(i int) (calls, done int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[i], s.done[i]
}

func checkResume(c *exercise.C, impl ResumeFunc) {
	env := mustStartNATS(c)
	defer env.close()
	kv := env.bucket(c, "PROGRESS")
	const n, crashAt = 6, 3
	job := Job{ID: "job-7", Steps: n}
	want, before := 0, 0
	for i := range n {
		want += stepValue(i)
		if i < crashAt {
			before += stepValue(i)
		}
	}
	first := newSpy(kv)
	st := &steps{calls: map[int]int{}, done: map[int]int{}, crashAt: crashAt, spy: first}

	// The first delivery: the worker dies in step 3.
	var (
		sum int
		err error
	)
	c.Call(fmt.Sprintf("Resume(ctx, kv, %+v, step) on a worker that dies in step %d", job, crashAt),
		"it never returns after a step failed: return the step's error", func() { sum, err = impl(context.Background(), first, job, st.step) })
	if calls, _ := st.counts(crashAt); calls == 0 {
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("steps 0 to %d run, one after the other", n-1),
			Got: fmt.Sprintf("step %d never ran: %v", crashAt, st.calls), Likely: "call step(ctx, i) for every i from 0 to job.Steps-1"})
	}
	if err == nil {
		c.Fail(exercise.Mistake{Expected: "an error: step 3 failed (its worker died)", Got: fmt.Sprintf("nil, and %d", sum),
			Likely: "a step's error ends the job: return it (wrapped), so that the task is not acknowledged and comes back"})
	}
	if _, writes := first.counts(); writes == 0 {
		c.Fail(exercise.Mistake{Expected: "the progress saved in the bucket after each step",
			Got:    fmt.Sprintf("the worker wrote nothing in the %d steps it finished before it died", crashAt),
			Likely: "the job never saves its progress: after each step, Put the next step and the sum so far under job.ID"})
	}

	// The task delivered again, to a worker that lives.
	second := newSpy(kv)
	c.Call(fmt.Sprintf("Resume(ctx, kv, %+v, step) again, after the first worker died", job),
		"it never returns", func() { sum, err = impl(context.Background(), second, job, st.step) })
	if err != nil {
		c.Fail(exercise.Mistake{Expected: "no error the second time: every step succeeds", Got: err.Error(),
			Likely: "the saved progress is what the first worker left: a step number and a sum, with nothing else to undo"})
	}
	for i := range crashAt {
		calls, _ := st.counts(i)
		if calls <= 1 {
			continue
		}
		reads, _ := second.counts()
		var likely string
		switch {
		case reads == 0:
			likely = "the job never loads its progress: it saved it, but started over; Get job.ID first, and start from what it says"
		case i > 0:
			likely = "the progress was saved too seldom: what the steps since the last save did was lost; save after every step"
		default:
			likely = "the job started over: read the progress under job.ID and start at its next step, with its sum"
		}
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("steps 0 to %d run once: they were done and saved before the crash", crashAt-1),
			Got: fmt.Sprintf("step %d ran %d times", i, calls), Likely: likely})
	}
	for i := range n {
		if _, done := st.counts(i); done == 0 {
			c.Fail(exercise.Mistake{Expected: fmt.Sprintf("every step run to the end once; step %d (the one the worker died in) again", crashAt),
				Got: fmt.Sprintf("step %d never finished: the second worker skipped it", i),
				Likely: "the job saved step i as done before step i's value was in the sum: a worker that dies in the step " +
					"leaves it marked done. Run the step, add its value, then save {Next: i+1, Sum: sum}"})
		}
	}
	if sum != want {
		likely := "add every step's value, the ones before the crash (in the saved sum) and the ones after"
		if sum == want-before {
			likely = "the partial result was lost: the job resumed at the right step but from a sum of 0; " +
				"save the sum with the step, and start from the saved sum"
		}
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%d, the sum of the %d steps", want, n), Got: fmt.Sprint(sum), Likely: likely})
	}
	ctx, cancel := short()
	defer cancel()
	keys, err := kv.Keys(ctx)
	if err != nil && !errors.Is(err, jetstream.ErrNoKeysFound) {
		c.Fail(exercise.Mistake{Expected: "the check to list the bucket", Got: err.Error(), Likely: "not your code: run the check again"})
	}
	if len(keys) > 0 {
		c.Fail(exercise.Mistake{Expected: "nothing left in the bucket once the job is done",
			Got:    "left: " + strings.Join(keys, ", "),
			Likely: "the progress was never removed: Delete job.ID once the job is done, or the next job with that ID would find it finished"})
	}
	checkResumeStepError(c, impl, kv)
}

// checkResumeStepError: a step that fails with an error of its own, its
// worker alive and its bucket working. The job must end there with that
// error, so that the task is not acknowledged: an answer that leaves the
// loop and returns the sum so far with a nil error has lost the job, which
// the crash above hides (the dead worker's bucket fails whatever it does
// next).
func checkResumeStepError(c *exercise.C, impl ResumeFunc, kv jetstream.KeyValue) {
	job := Job{ID: "job-8", Steps: 3}
	st := &steps{calls: map[int]int{}, done: map[int]int{}, crashAt: -1, failing: true, failAt: 1, spy: newSpy(kv)}
	var (
		sum int
		err error
	)
	c.Call(fmt.Sprintf("Resume(ctx, kv, %+v, step) where step 1 fails with its own error", job),
		"it never returns after a step failed: return the step's error", func() { sum, err = impl(context.Background(), st.spy, job, st.step) })
	if !errors.Is(err, errStepFailed) {
		got := fmt.Sprintf("%d and a nil error", sum)
		if err != nil {
			got = fmt.Sprintf("%d and another error: %v", sum, err)
		}
		c.Fail(exercise.Mistake{Expected: "step 1's error (errors.Is(err, the step's error)): a step's error ends the job",
			Got: got,
			Likely: "the step's error was swallowed: the loop stopped, but the job returned as if it had finished, so the task " +
				"would be acknowledged and never run again. Return the step's error, as it is or wrapped with %w"})
	}
	if calls, _ := st.counts(2); calls > 0 {
		c.Fail(exercise.Mistake{Expected: "no step run after step 1 failed", Got: fmt.Sprintf("step 2 ran %d times", calls),
			Likely: "a step's error ends the job: return it at once, and run no more steps"})
	}
}
