package threads

import (
	"context"
	"time"
)

// Sleep is time.Sleep that a cancelled context interrupts: Python's
// time.sleep, made cancellable. It returns ctx.Err() if ctx is done before d
// has passed.
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
