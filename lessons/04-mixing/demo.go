package mixing

import "context"

// Registered functions that come with the package, so that any program
// using it (and the playground, where a function typed in cannot be sent to
// a child) has something to run.
var (
	// Square returns n*n.
	Square = Register("mixing.Square", func(_ context.Context, n int) (int, error) { return n * n, nil })

	// Where says which child process, and which of its goroutines, ran the
	// item (which it ignores).
	Where = Register("mixing.Where", func(ctx context.Context, _ int) (Worker, error) { return Current(ctx), nil })
)
