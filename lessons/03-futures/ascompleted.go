package futures

import (
	"context"
	"errors"
	"fmt"
	"iter"
)

// AsCompleted yields the futures fs as they are done: those done already
// first, in the order given, then the others in the order they finish;
// each once: Python's as_completed(fs, timeout). If ctx ends first, it
// yields one error, saying how many of how many futures are unfinished,
// and stops. Breaking out of the loop is fine: nothing is left behind.
func AsCompleted[F Awaitable](ctx context.Context, fs []F) iter.Seq2[F, error] {
	return func(yield func(F, error) bool) {
		var zero F
		if len(fs) == 0 {
			yield(zero, errors.New("futures: as completed: no futures to wait for"))
			return
		}
		for i, f := range fs {
			if any(f) == nil || f.future() == nil {
				yield(zero, fmt.Errorf("futures: as completed: future %d is nil", i))
				return
			}
		}
		fs, cores := unique(fs)
		of := make(map[*core]F, len(fs))
		w := &waiter{ch: make(chan *core, len(cores))}
		var already []F
		var later []*core
		for i, c := range cores {
			of[c] = fs[i]
			if c.isDone() {
				already = append(already, fs[i])
			} else {
				later = append(later, c)
			}
		}
		for _, f := range already { // those done already, first
			if !yield(f, nil) {
				return
			}
		}
		for _, c := range later {
			c.listen(listener{waiter: w})
		}
		defer func() {
			for _, c := range later {
				c.unlisten(w)
			}
		}()
		for left := len(later); left > 0; left-- {
			select {
			case c := <-w.ch:
				if !yield(of[c], nil) {
					return
				}
			case <-ctx.Done():
				yield(zero, fmt.Errorf("futures: as completed: %d (of %d) futures unfinished: %w", left, len(cores), ctx.Err()))
				return
			}
		}
	}
}
