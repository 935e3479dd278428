package solutions

import "sync"

// Counter is the answer to exercise 3: a mutex guards n, and both methods
// have pointer receivers so they share one mutex and one n. (An
// atomic.Int64 would do as well; lesson 02 compares the two.)
type Counter struct {
	mu sync.Mutex
	n  int
}

// Inc adds one to the counter.
func (c *Counter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

// Value returns the count.
func (c *Counter) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
