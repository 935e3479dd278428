package worker

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// evaluate runs the chunks in order and stops at the first error.
func (w *worker) evaluate(ctx context.Context, chunks []wire.Chunk) wire.Done {
	for i, c := range chunks {
		src := c.Src
		if c.Stmts {
			src += returnedCall
		}
		w.returns.expect()
		spawned.Add(1) // the interpreter's goroutine that runs the chunk
		_, err := w.interp.EvalWithContext(ctx, src)
		if err == nil {
			if c.Stmts && w.returns.goexited() {
				return wire.Done{Evaluated: i, Goexit: true}
			}
			continue
		}
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			return wire.Done{Evaluated: i, Interrupted: true}
		}
		return wire.Done{Evaluated: i, Err: w.describe(err)}
	}
	return wire.Done{Evaluated: len(chunks)}
}

// describe turns an interpreter error into what the supervisor shows.
func (w *worker) describe(err error) *wire.Error {
	var p interp.Panic
	if !errors.As(err, &p) {
		return &wire.Error{Msg: err.Error()}
	}
	frames := w.frames.of(stackGoroutineID(p.Stack))
	if len(frames) == 0 {
		// A panic with no interpreted frame happened while compiling: the
		// interpreter itself failed on this code.
		return &wire.Error{Msg: fmt.Sprintf("the interpreter (yaegi) failed on this code: %v", p.Value)}
	}
	return &wire.Error{Msg: panicValue(p.Value), Panic: true, Frames: frames}
}

// panicValue formats a panic value the way the Go runtime prints it after
// "panic: ".
func panicValue(v any) string {
	// The interpreter hands over some values (an error, a value that was
	// recovered and panicked again) wrapped in a reflect.Value.
	for {
		rv, ok := v.(reflect.Value)
		if !ok || !rv.IsValid() || !rv.CanInterface() {
			break
		}
		v = rv.Interface()
	}
	switch x := v.(type) {
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	case string:
		return x
	}
	s := fmt.Sprintf("%v", v)
	if t := fmt.Sprintf("%T", v); !strings.Contains(t, "struct {") {
		s = fmt.Sprintf("%s(%v)", t, v)
	}
	return s
}

// frameLog keeps the interpreted frames of the panics of the current
// request, by goroutine.
type frameLog struct {
	mu     sync.Mutex
	frames map[int64][]wire.Frame
}

func (l *frameLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.frames = nil
}

func (l *frameLog) add(f wire.Frame) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.frames == nil {
		l.frames = map[int64][]wire.Frame{}
	}
	if len(l.frames[f.Goroutine]) < 100 {
		l.frames[f.Goroutine] = append(l.frames[f.Goroutine], f)
	}
}

func (l *frameLog) of(g int64) []wire.Frame {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.frames[g]
}
