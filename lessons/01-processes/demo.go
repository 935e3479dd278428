package processes

import (
	"context"
	"fmt"
	"time"
)

// Registered functions that come with the package, so that any program
// using it (and the playground, where a function typed in cannot be sent to
// a child) has something to run in a child process.
var (
	// Square returns n*n.
	Square = Register("processes.Square", func(_ context.Context, n int) (int, error) { return n * n, nil })

	// Sleep waits d (or until cancelled) and says which process it ran in.
	Sleep = Register("processes.Sleep", func(ctx context.Context, d time.Duration) (Identity, error) {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-timer.C:
			return Current(), nil
		case <-ctx.Done():
			return Current(), ctx.Err()
		}
	})

	// Greet prints a greeting from the process it runs in and returns it.
	Greet = Register("processes.Greet", func(_ context.Context, name string) (string, error) {
		s := fmt.Sprintf("Hello, %s, from %s (pid %d)", name, Current().Name, Current().PID)
		fmt.Println(s)
		return s, nil
	})
)
