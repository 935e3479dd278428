package worker

import (
	"fmt"
	"os"
	"sync/atomic"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// returnedCall follows each chunk's code: it runs only if the code ran to
// its end. Code that did not, and returned no error, ended its goroutine
// by runtime.Goexit, which yaegi cannot tell from a return (its recover
// finds no panic).
const returnedCall = "\n" + wire.HelperAlias + "." + wire.ReturnedFunc + "()"

// returns notes whether the current chunk's code reached returnedCall.
type returns struct{ ok atomic.Bool }

// expect starts a chunk.
func (r *returns) expect() { r.ok.Store(false) }

// returned is the helper returnedCall calls.
func (r *returns) returned() { r.ok.Store(true) }

// goexited reports whether the chunk that just ended without an error
// left by runtime.Goexit.
func (r *returns) goexited() bool { return !r.ok.Load() }

// noGoroutines ends the worker as Go's runtime ends a program whose main
// goroutine left by runtime.Goexit once no other goroutine is left.
func (w *worker) noGoroutines() {
	fmt.Fprint(os.Stderr, "fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n\n")
	os.Exit(2)
}
