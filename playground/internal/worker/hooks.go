package worker

import (
	"bytes"
	"io"
	"regexp"
	"runtime"
	"strconv"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// frameLine is what yaegi prints on the interpreter's standard error for
// each interpreted function a panic unwinds: "cell3:2:5: panic: main.f(...)".
var frameLine = regexp.MustCompile(`^(.*): panic: (.*)\(\.\.\.\)\n$`)

// frameCatcher is the interpreter's standard error. It turns yaegi's panic
// frame lines into Frame messages, sent at once (the worker may be about to
// die of the panic), and writes everything else through.
type frameCatcher struct {
	w     io.Writer
	frame func(wire.Frame)
}

func (c frameCatcher) Write(p []byte) (int, error) {
	if m := frameLine.FindSubmatch(p); m != nil {
		c.frame(wire.Frame{Goroutine: goroutineID(), Pos: string(m[1]), Func: string(m[2])})
		return len(p), nil
	}
	return c.w.Write(p)
}

// goroutineID returns the calling goroutine's ID, from the header of its
// stack trace: "goroutine 12 [running]:".
func goroutineID() int64 {
	var buf [64]byte
	return stackGoroutineID(buf[:runtime.Stack(buf[:], false)])
}

// stackGoroutineID returns the ID in the first "goroutine N [" of a trace,
// or 0.
func stackGoroutineID(stack []byte) int64 {
	rest, ok := bytes.CutPrefix(stack, []byte("goroutine "))
	if !ok {
		return 0
	}
	end := bytes.IndexByte(rest, ' ')
	if end < 0 {
		return 0
	}
	id, _ := strconv.ParseInt(string(rest[:end]), 10, 64)
	return id
}
