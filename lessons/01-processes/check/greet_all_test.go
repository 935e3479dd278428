package check_test

import (
	"cmp"
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// --- exercise 4: GreetAll ---

func TestGreetAllRejectsTheSerialisedLoop(t *testing.T) {
	serialised := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		var out []string
		for _, city := range cities {
			p := processes.New(greet, city)
			if err := p.Start(ctx); err != nil {
				return nil, err
			}
			s, err := p.Wait(ctx)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	rejected(t, check.GreetAll.Run(serialised, quick, roomy), "Wait right after Start")
}

func TestGreetAllRejectsAForgottenProcess(t *testing.T) {
	var last *processes.Process[string]
	forgetsLast := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		ps, err := startAll(ctx, greet, cities)
		if err != nil {
			return nil, err
		}
		last = ps[len(ps)-1]
		out := make([]string, len(cities))
		for i, p := range ps[:len(ps)-1] { // off by one: the last is never waited for
			if out[i], err = p.Wait(ctx); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	r := check.GreetAll.Run(forgetsLast, roomy)
	_, _ = last.Wait(t.Context())
	rejected(t, r, "never waited for")
}

// The stub's loop split in two, as asked, but still returning at the
// first error: the cities after Atlantis are never waited for. The check
// holds them until Atlantis's process has exited and the answer has
// settled, so they are still running when it returns.
func TestGreetAllRejectsReturningAtTheFailingCity(t *testing.T) {
	var (
		mu      sync.Mutex
		started [][]*processes.Process[string]
	)
	returnsAtError := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		ps, err := startAll(ctx, greet, cities)
		mu.Lock()
		started = append(started, ps)
		mu.Unlock()
		if err != nil {
			return nil, err
		}
		out := make([]string, len(cities))
		for i, p := range ps {
			if out[i], err = p.Wait(ctx); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	r := check.GreetAll.Run(returnsAtError, roomy)
	mu.Lock()
	for _, ps := range started {
		for _, p := range ps {
			_, _ = p.Wait(t.Context())
		}
	}
	mu.Unlock()
	rejected(t, r, "when a city failed, GreetAll returned without waiting")
}

func TestGreetAllRejectsADroppedError(t *testing.T) {
	dropsErrors := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		ps, err := startAll(ctx, greet, cities)
		if err != nil {
			return nil, err
		}
		out := make([]string, len(cities))
		for i, p := range ps {
			out[i], _ = p.Wait(ctx) // Atlantis's error is lost
		}
		return out, nil
	}
	rejected(t, check.GreetAll.Run(dropsErrors, roomy), "the error Wait gave for that city was dropped")
}

// A goroutine per city appending its greeting under a mutex: the
// greetings come in the order the processes finished, and Hanoi's
// finishes last.
func TestGreetAllRejectsGreetingsInFinishingOrder(t *testing.T) {
	appended := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		out, errs := inFinishingOrder(ctx, greet, cities)
		return out, errors.Join(errs...)
	}
	rejected(t, check.GreetAll.Run(appended, roomy), "the greetings are in the order their processes finished")
}

// At the failing city, the others are cancelled and the answer returns:
// the library stops their processes at once, but nothing waited for them.
func TestGreetAllRejectsCancellingTheOthers(t *testing.T) {
	cancels := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		ps, err := startAll(ctx, greet, cities)
		if err != nil {
			return nil, err
		}
		out := make([]string, len(ps))
		for i, p := range ps {
			if out[i], err = p.Wait(ctx); err != nil {
				return out, err // the deferred cancel stops the others
			}
		}
		return out, nil
	}
	rejected(t, check.GreetAll.Run(cancels, roomy), "or cancelled them as it returned")
}

// A city that failed is skipped: the greetings returned with the error
// after it have moved up a place.
func TestGreetAllRejectsSkippingTheFailedCity(t *testing.T) {
	skips := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		var procs []*processes.Process[string]
		for _, city := range cities {
			p := processes.New(greet, city)
			if err := p.Start(ctx); err != nil {
				return nil, err
			}
			procs = append(procs, p)
		}
		var out []string
		var first error
		for _, p := range procs {
			s, err := p.Wait(ctx)
			if err != nil {
				first = cmp.Or(first, err)
				continue
			}
			out = append(out, s)
		}
		return out, first
	}
	rejected(t, check.GreetAll.Run(skips, roomy), "the failed city was skipped")
}

// One error variable set by a goroutine a city: a data race when two cities
// fail at once (race detector only: either error looks right).
func TestGreetAllRejectsOneErrorSetByTwoGoroutines(t *testing.T) {
	sharedErr := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		out := make([]string, len(cities))
		var firstErr error
		var wg sync.WaitGroup
		for i, city := range cities {
			wg.Go(func() {
				p := processes.New(greet, city)
				err := p.Start(ctx)
				var s string
				if err == nil {
					s, err = p.Wait(ctx)
				}
				if err != nil {
					firstErr = err // no mutex
					return
				}
				out[i] = s
			})
		}
		wg.Wait()
		return out, firstErr
	}
	out := exercise.ExpectRace(t, func() { check.GreetAll.Test(t, sharedErr, quick, roomy) })
	if out == "" {
		return // in the copy of the test binary that ran the racy code
	}
	require.Contains(t, out, "one error variable that several of them set")
}

// One deadline for all the waits: a city still running when it passes is
// given up on, and left running.
func TestGreetAllRejectsADeadlineThatGivesUp(t *testing.T) {
	var started startedProcs[check.City, string]
	defer started.waitAll(t)
	givesUp := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		ps, err := started.start(ctx, greet, cities)
		if err != nil {
			return nil, err
		}
		wctx, cancel := context.WithTimeout(ctx, 2*time.Second) // "greetings are quick"
		defer cancel()
		out := make([]string, len(ps))
		var errs []error
		for i, p := range ps {
			s, err := p.Wait(wctx)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			out[i] = s
		}
		return out, errors.Join(errs...)
	}
	rejected(t, check.GreetAll.Run(givesUp, roomy), "a Wait under a ctx with a deadline (context.WithTimeout: here 2s) gives up")
}
