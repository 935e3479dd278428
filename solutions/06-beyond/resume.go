package solutions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
)

// Resume runs job's steps and returns their sum. After each step it saves
// the next step and the sum so far, in one write, under job.ID; a
// redelivery, after a worker died, starts from there. A step runs again
// only if its worker died in it (at least once); the progress is deleted
// once the job is done.
func Resume(ctx context.Context, kv jetstream.KeyValue, job check.Job, step check.StepFunc) (int, error) {
	// What is kept under the job's ID: the next step to run and the sum
	// of the steps before it, saved together.
	type progress struct {
		Next int `json:"next"`
		Sum  int `json:"sum"`
	}
	var p progress
	entry, err := kv.Get(ctx, job.ID)
	switch {
	case errors.Is(err, jetstream.ErrKeyNotFound):
		// the first delivery, or no step had finished
	case err != nil:
		return 0, fmt.Errorf("job %s: read its progress: %w", job.ID, err)
	default:
		if err := json.Unmarshal(entry.Value(), &p); err != nil {
			return 0, fmt.Errorf("job %s: decode its progress: %w", job.ID, err)
		}
	}
	for i := p.Next; i < job.Steps; i++ {
		v, err := step(ctx, i)
		if err != nil {
			return 0, fmt.Errorf("job %s: step %d: %w", job.ID, i, err)
		}
		p = progress{Next: i + 1, Sum: p.Sum + v}
		value, err := json.Marshal(p)
		if err != nil {
			return 0, fmt.Errorf("job %s: encode its progress: %w", job.ID, err)
		}
		if _, err := kv.Put(ctx, job.ID, value); err != nil {
			return 0, fmt.Errorf("job %s: save its progress after step %d: %w", job.ID, i, err)
		}
	}
	if err := kv.Delete(ctx, job.ID); err != nil {
		return 0, fmt.Errorf("job %s: remove its progress: %w", job.ID, err)
	}
	return p.Sum, nil
}
