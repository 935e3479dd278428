package check_test

import (
	"context"
	"sync"
	"testing"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
	"github.com/stretchr/testify/assert"
)

// Each test keeps a wrong answer a learner might write and shows that its
// check rejects it, for the right reason.

func TestMain(m *testing.M) { check.Main(m) }

// quick is the patience for answers that run things one after the other:
// the barrier can never open for them, so there is no reason to wait long.
// Answers whose flaw is something else keep the default patience: starting
// several processes on a loaded machine may take a while, and the barrier
// must not be what rejects them.
var quick = exercise.WithPatience(100 * time.Millisecond)

// roomy leaves the learner's code time to start processes: the call bound,
// unlike the patience, is not what catches a wrong answer here.
var roomy = exercise.WithCallBound(30 * time.Second)

// startAll starts fn on every argument and returns the processes.
// The kept wrong answers' assertions: the harness's (exercise.Rejected,
// RaceExplained, Racy), shared by every lesson's check tests.
var (
	rejected = exercise.Rejected
)

func startAll[A, R any](ctx context.Context, fn *processes.Func[A, R], args []A) ([]*processes.Process[R], error) {
	var ps []*processes.Process[R]
	for _, a := range args {
		p := processes.New(fn, a)
		if err := p.Start(ctx); err != nil {
			return ps, err
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// startedProcs keeps every process a wrong answer started, so that the
// test can wait for those it left running.
type startedProcs[A, R any] struct {
	mu sync.Mutex
	ps []*processes.Process[R]
}

func (s *startedProcs[A, R]) start(ctx context.Context, fn *processes.Func[A, R], args []A) ([]*processes.Process[R], error) {
	ps, err := startAll(ctx, fn, args)
	s.mu.Lock()
	s.ps = append(s.ps, ps...)
	s.mu.Unlock()
	return ps, err
}

func (s *startedProcs[A, R]) waitAll(t *testing.T) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.ps {
		_, _ = p.Wait(t.Context())
	}
}

// TestRaceSensitiveExercises: an exercise with a classic mistake that only
// the race detector sees (one error variable set by two goroutines when
// two tasks fail at once: either error comes back; one slice appended to
// by several goroutines) is marked RaceSensitive,
// so that a pass without -race says to run -race.
func TestRaceSensitiveExercises(t *testing.T) {
	sensitive := map[string]bool{}
	for _, ex := range check.All() {
		sensitive[ex.Name] = ex.RaceSensitive
	}
	assert.Equal(t, map[string]bool{"CountPrimes": true, "TaskQueue": true, "RunAll": false, "GreetAll": true}, sensitive)
}

func TestEveryExerciseHasItsFileAndSection(t *testing.T) {
	exercise.VerifyInfos(t, "../../..", check.All())
}

// inFinishingOrder runs fn on every argument, a process and a goroutine
// each, and appends each outcome under a mutex as its process ends: in the
// order they finished, not the order of args (the wrong answer kept by
// RunAll's and GreetAll's tests).
func inFinishingOrder[A, R any](ctx context.Context, fn *processes.Func[A, R], args []A) ([]R, []error) {
	var (
		mu      sync.Mutex
		wg      sync.WaitGroup
		results []R
		errs    []error
	)
	for _, a := range args {
		wg.Go(func() {
			p := processes.New(fn, a)
			err := p.Start(ctx)
			var r R
			if err == nil {
				r, err = p.Wait(ctx)
			}
			mu.Lock()
			defer mu.Unlock()
			results, errs = append(results, r), append(errs, err)
		})
	}
	wg.Wait()
	return results, errs
}
