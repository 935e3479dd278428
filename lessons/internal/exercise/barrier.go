package exercise

import (
	"sync"
	"time"
)

// Barrier proves by structure that n calls run at the same time. Each caller
// of Wait blocks until n callers have arrived, so a correct concurrent
// implementation opens it at once. A sequential one can never have two calls
// inside at once: its first caller waits out the patience, the barrier breaks
// (it opens for everyone, now and later, so the implementation can finish)
// and [Barrier.Broken] reports it.
type Barrier struct {
	n        int
	patience time.Duration
	open     chan struct{}

	mu      sync.Mutex
	arrived int
	opened  bool
	broken  bool
}

// NewBarrier returns a barrier for n callers that waits at most patience for
// them. Use the check's [C.Patience].
func NewBarrier(n int, patience time.Duration) *Barrier {
	return &Barrier{n: n, patience: patience, open: make(chan struct{})}
}

// Wait blocks until n callers have arrived or the barrier has broken.
func (b *Barrier) Wait() {
	b.mu.Lock()
	b.arrived++
	if b.arrived >= b.n && !b.opened {
		b.opened = true
		close(b.open)
	}
	b.mu.Unlock()

	timer := time.NewTimer(b.patience)
	defer timer.Stop()
	select {
	case <-b.open:
	case <-timer.C:
		b.mu.Lock()
		if !b.opened {
			b.opened, b.broken = true, true
			close(b.open)
		}
		b.mu.Unlock()
	}
}

// Broken reports whether the barrier gave up waiting: fewer than n callers
// were ever inside at the same time.
func (b *Barrier) Broken() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.broken
}

// Gauge counts calls in flight and remembers the peak: how many ran at once.
type Gauge struct {
	mu    sync.Mutex
	now   int
	peak  int
	total int
}

// Enter records a call starting; call the returned function when it ends.
func (g *Gauge) Enter() (leave func()) {
	g.mu.Lock()
	g.now++
	g.total++
	g.peak = max(g.peak, g.now)
	g.mu.Unlock()
	return func() {
		g.mu.Lock()
		g.now--
		g.mu.Unlock()
	}
}

// Peak is the largest number of calls that were in flight at once.
func (g *Gauge) Peak() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.peak
}

// Now is the number of calls in flight.
func (g *Gauge) Now() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.now
}

// Total is the number of calls started so far.
func (g *Gauge) Total() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.total
}
