package worker

import (
	"fmt"
	"os"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// deadlock ends the worker the way the Go runtime ends a deadlocked
// program, after it has told the supervisor which goroutines of the
// learner's code were blocked, and where (the runtime prints their stacks;
// the supervisor prints their places in the learner's code).
func (w *worker) deadlock() {
	blocked := w.currentGoroutines()
	_ = w.answers.Send(wire.Message{Kind: wire.KindBlocked, Blocked: blocked})
	fmt.Fprint(os.Stderr, "fatal error: all goroutines are asleep - deadlock!\n\n")
	os.Exit(2)
}
