package overview

import (
	"context"
	"time"
)

// Sleep is time.Sleep that a cancelled context interrupts: Python's
// time.sleep, made cancellable. It waits for a timer and for ctx.Done() in
// one select, and returns ctx.Err() if ctx is done before d has passed.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
