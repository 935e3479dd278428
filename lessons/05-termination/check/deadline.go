package check

import (
	"context"
	"sync"
	"time"
)

// deadline is a context whose deadline passes when the check says, not
// when the clock does: after some parts are done and the others half way.
type deadline struct {
	at   time.Time
	done chan struct{}
	once sync.Once
}

func newDeadline(at time.Time) *deadline { return &deadline{at: at, done: make(chan struct{})} }

func (d *deadline) Deadline() (time.Time, bool) { return d.at, true }
func (d *deadline) Done() <-chan struct{}       { return d.done }
func (d *deadline) Value(any) any               { return nil }

func (d *deadline) Err() error {
	select {
	case <-d.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

// pass makes the deadline pass.
func (d *deadline) pass() { d.once.Do(func() { close(d.done) }) }
