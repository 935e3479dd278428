package check_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// saved is the progress the answers below keep.
type saved struct{ Next, Sum int }

func load(ctx context.Context, kv jetstream.KeyValue, id string) (saved, error) {
	var p saved
	e, err := kv.Get(ctx, id)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return p, nil
	}
	if err != nil {
		return p, err
	}
	return p, json.Unmarshal(e.Value(), &p)
}

func save(ctx context.Context, kv jetstream.KeyValue, id string, p saved) error {
	v, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = kv.Put(ctx, id, v)
	return err
}

// resumer is an answer to exercise 2 whose flaws the fields choose.
type resumer struct {
	noSave, noLoad, noDelete, saveBefore, loadIndexOnly bool
	swallowsStepError                                   bool // leaves the loop at a step's error, and returns as if done
	saveEvery                                           int
}

func (r resumer) run(ctx context.Context, kv jetstream.KeyValue, job check.Job, step check.StepFunc) (int, error) {
	var p saved
	if !r.noLoad {
		var err error
		if p, err = load(ctx, kv, job.ID); err != nil {
			return 0, err
		}
		if r.loadIndexOnly {
			p.Sum = 0
		}
	}
	every := max(r.saveEvery, 1)
	for i := p.Next; i < job.Steps; i++ {
		if r.saveBefore { // marks step i done before it is
			if err := save(ctx, kv, job.ID, saved{Next: i + 1, Sum: p.Sum}); err != nil {
				return 0, err
			}
		}
		v, err := step(ctx, i)
		if err != nil && r.swallowsStepError {
			break
		}
		if err != nil {
			return 0, fmt.Errorf("step %d: %w", i, err)
		}
		p = saved{Next: i + 1, Sum: p.Sum + v}
		if !r.noSave && !r.saveBefore && (i+1)%every == 0 {
			if err := save(ctx, kv, job.ID, p); err != nil {
				return 0, err
			}
		}
	}
	if !r.noDelete {
		if err := kv.Delete(ctx, job.ID); err != nil {
			return 0, err
		}
	}
	return p.Sum, nil
}

func TestResumeAcceptsTheSolution(t *testing.T) {
	exercise.Accepted(t, check.Resume.Run(resumer{}.run))
}

func TestResumeRejectsNeverSaving(t *testing.T) {
	exercise.Rejected(t, check.Resume.Run(resumer{noSave: true}.run), "the job never saves its progress")
}

func TestResumeRejectsNeverLoading(t *testing.T) {
	exercise.Rejected(t, check.Resume.Run(resumer{noLoad: true}.run), "the job never loads its progress")
}

func TestResumeRejectsSavingTooSeldom(t *testing.T) {
	exercise.Rejected(t, check.Resume.Run(resumer{saveEvery: 2}.run), "saved too seldom")
}

func TestResumeRejectsSavingTheStepBeforeItsResult(t *testing.T) {
	exercise.Rejected(t, check.Resume.Run(resumer{saveBefore: true}.run), "before step i's value was in the sum")
}

func TestResumeRejectsLoadingTheIndexWithoutTheSum(t *testing.T) {
	exercise.Rejected(t, check.Resume.Run(resumer{loadIndexOnly: true}.run), "the partial result was lost")
}

func TestResumeRejectsLeavingTheProgress(t *testing.T) {
	exercise.Rejected(t, check.Resume.Run(resumer{noDelete: true}.run), "the progress was never removed")
}

func TestResumeRejectsSwallowingTheStepsError(t *testing.T) {
	swallows := func(ctx context.Context, kv jetstream.KeyValue, job check.Job, step check.StepFunc) (int, error) {
		sum := 0
		for i := range job.Steps {
			v, err := step(ctx, i)
			if err != nil {
				continue // skips the step, and the task is acknowledged
			}
			sum += v
		}
		return sum, nil
	}
	exercise.Rejected(t, check.Resume.Run(swallows), "a step's error ends the job")
}

// A step's error ends the loop, but the job returns what it summed with a
// nil error: the task would be acknowledged, the job lost. The crash the
// check simulates hides it (the dead worker's Delete fails); a step that
// fails with its own error, its worker alive, shows it.
func TestResumeRejectsSwallowingAStepsError(t *testing.T) {
	exercise.Rejected(t, check.Resume.Run(resumer{swallowsStepError: true}.run), "the step's error was swallowed")
}
