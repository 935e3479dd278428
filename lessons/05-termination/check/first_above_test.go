package check_test

import (
	"context"
	"sync"
	"testing"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/05-termination/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// hunters starts every job with the events set.
func hunters(ctx context.Context, hunt *processes.Func[check.Hunt, check.Drawn], jobs []check.Hunt, found, stop *processes.Event) ([]*processes.Process[check.Drawn], error) {
	for i := range jobs {
		jobs[i].Found, jobs[i].Stop = found, stop
	}
	return startAll(ctx, hunt, jobs)
}

func TestFirstAboveRejectsKillingTheOthers(t *testing.T) {
	kills := func(ctx context.Context, hunt *processes.Func[check.Hunt, check.Drawn], jobs []check.Hunt) (float64, [][]float64, error) {
		found := processes.NewEvent()
		defer found.Close()
		ps, err := hunters(ctx, hunt, jobs, found, processes.NewEvent())
		if err != nil {
			return 0, nil, err
		}
		if err := found.Wait(ctx); err != nil {
			return 0, nil, err
		}
		drawn := make([][]float64, len(ps))
		var best float64
		for i, p := range ps {
			_ = p.Kill() // Python's terminate(): the finder has returned already
			d, _ := p.Wait(ctx)
			drawn[i] = d.Values
			if d.Found {
				best = d.Values[len(d.Values)-1]
			}
		}
		return best, drawn, nil
	}
	exercise.Rejected(t, check.FirstAbove.Run(kills, roomy), "killed or terminated")
}

func TestFirstAboveRejectsReturningWithoutWaiting(t *testing.T) {
	var left []*processes.Process[check.Drawn]
	early := func(ctx context.Context, hunt *processes.Func[check.Hunt, check.Drawn], jobs []check.Hunt) (float64, [][]float64, error) {
		found, stop := processes.NewEvent(), processes.NewEvent()
		ps, err := hunters(ctx, hunt, jobs, found, stop)
		left = ps
		if err != nil {
			return 0, nil, err
		}
		if err := found.Wait(ctx); err != nil {
			return 0, nil, err
		}
		return 0.97, make([][]float64, len(jobs)), stop.Set() // the workers are still stopping
	}
	r := check.FirstAbove.Run(early, roomy)
	waitAll(left)
	exercise.Rejected(t, r, "Wait for every process", "dropped")
}

func TestFirstAboveRejectsNeverSettingStop(t *testing.T) {
	noStop := func(ctx context.Context, hunt *processes.Func[check.Hunt, check.Drawn], jobs []check.Hunt) (float64, [][]float64, error) {
		found := processes.NewEvent()
		ps, err := hunters(ctx, hunt, jobs, found, processes.NewEvent())
		if err != nil {
			return 0, nil, err
		}
		drawn := make([][]float64, len(ps))
		for i, p := range ps { // the check kills them when it gives up
			d, _ := p.Wait(ctx)
			drawn[i] = d.Values
		}
		return 0, drawn, nil
	}
	exercise.Rejected(t, check.FirstAbove.Run(noStop, stuck), "is Stop set once Found is")
}

func TestFirstAboveRejectsKeepingOnlyTheFinders(t *testing.T) {
	finders := func(ctx context.Context, hunt *processes.Func[check.Hunt, check.Drawn], jobs []check.Hunt) (float64, [][]float64, error) {
		found, stop := processes.NewEvent(), processes.NewEvent()
		ps, err := hunters(ctx, hunt, jobs, found, stop)
		if err != nil {
			return 0, nil, err
		}
		_ = found.Wait(ctx)
		_ = stop.Set()
		drawn := make([][]float64, len(ps))
		var best float64
		for i, p := range ps {
			d, _ := p.Wait(ctx)
			if d.Found { // only the finder's values are kept
				drawn[i], best = d.Values, d.Values[len(d.Values)-1]
			}
		}
		return best, drawn, nil
	}
	exercise.Rejected(t, check.FirstAbove.Run(finders, roomy), "values were dropped")
}

func TestFirstAboveRejectsOneWorkerAfterTheOther(t *testing.T) {
	oneByOne := func(ctx context.Context, hunt *processes.Func[check.Hunt, check.Drawn], jobs []check.Hunt) (float64, [][]float64, error) {
		found, stop := processes.NewEvent(), processes.NewEvent()
		drawn := make([][]float64, len(jobs))
		for i, job := range jobs {
			job.Found, job.Stop = found, stop
			p := processes.New(hunt, job)
			if err := p.Start(ctx); err != nil {
				return 0, drawn, err
			}
			d, err := p.Wait(ctx) // the first never stops: the check kills it when it gives up
			if err != nil {
				return 0, drawn, err
			}
			drawn[i] = d.Values
		}
		return 0, drawn, nil
	}
	exercise.Rejected(t, check.FirstAbove.Run(oneByOne, quick, stuck), "one after the other")
}

func TestFirstAboveRejectsValuesInFinishingOrder(t *testing.T) {
	finishing := func(ctx context.Context, hunt *processes.Func[check.Hunt, check.Drawn], jobs []check.Hunt) (float64, [][]float64, error) {
		found, stop := processes.NewEvent(), processes.NewEvent()
		ps, err := hunters(ctx, hunt, jobs, found, stop)
		if err != nil {
			return 0, nil, err
		}
		_ = found.Wait(ctx)
		_ = stop.Set()
		var mu sync.Mutex
		var wg sync.WaitGroup
		var drawn [][]float64
		var best float64
		for _, p := range ps {
			wg.Go(func() {
				d, _ := p.Wait(ctx)
				mu.Lock()
				defer mu.Unlock()
				drawn = append(drawn, d.Values) // in the order they finish
				if d.Found {
					best = d.Values[len(d.Values)-1]
				}
			})
		}
		wg.Wait()
		return best, drawn, nil
	}
	exercise.Rejected(t, check.FirstAbove.Run(finishing, roomy), "values were dropped", "another worker")
}

// Everything right but the events, never closed: each lives on in the
// process that made it. The check's workers report the events they were
// given, and the check, which runs in that process, asks them.
func TestFirstAboveRejectsNeverClosingTheEvents(t *testing.T) {
	unclosed := func(ctx context.Context, hunt *processes.Func[check.Hunt, check.Drawn], jobs []check.Hunt) (float64, [][]float64, error) {
		found, stop := processes.NewEvent(), processes.NewEvent() // no Close
		ps, err := hunters(ctx, hunt, jobs, found, stop)
		if err != nil {
			return 0, nil, err
		}
		if err := found.Wait(ctx); err != nil {
			return 0, nil, err
		}
		if err := stop.Set(); err != nil {
			return 0, nil, err
		}
		drawn := make([][]float64, len(ps))
		var best float64
		for i, p := range ps {
			d, err := p.Wait(ctx)
			if err != nil {
				return 0, nil, err
			}
			drawn[i] = d.Values
			if d.Found {
				best = d.Values[len(d.Values)-1]
			}
		}
		return best, drawn, nil
	}
	exercise.Rejected(t, check.FirstAbove.Run(unclosed, roomy), "the events were never closed")
}
