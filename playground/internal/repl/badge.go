package repl

import "sync"

// badge is the number of goroutines of the learner's cells alive that the
// prompt shows (go[2]> ), with the request of the worker's that counted
// them. The answer to a request counts them; after it, the worker may
// count again (an interrupt left the cell's own goroutine in compiled
// code, which has ended since: supervisor.Options.OnLive). The count of a
// later request wins, and for the same request the later count: the
// worker sends it after the answer, though the two reach the badge from
// different goroutines, in either order.
type badge struct {
	mu      sync.Mutex
	request uint64 // the request the count comes from
	updated bool   // counted again after the request's answer
	n       int
}

// answer sets the count a request's answer gave.
func (b *badge) answer(request uint64, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if request > b.request || request == b.request && !b.updated {
		b.request, b.updated, b.n = request, false, n
	}
}

// update sets the count the worker gave after the answer to request, and
// reports whether it is the one shown now.
func (b *badge) update(request uint64, n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if request < b.request {
		return false // a later request has counted since
	}
	b.request, b.updated, b.n = request, true, n
	return true
}

// clear sets the count to zero: the worker died, and its goroutines with it.
func (b *badge) clear() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n = 0
}

// count is the number shown.
func (b *badge) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n
}
