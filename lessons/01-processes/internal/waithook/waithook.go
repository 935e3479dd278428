// Package waithook lets lesson 01's checks see the deadline that code under
// check gives Process.Wait, as the standard library's testHook variables
// (net/http's, for one) let its tests see inside: the library reports each
// Wait whose context has a deadline, and a check that has set a hook hears
// how long that Wait was given. Nothing else uses it.
package waithook

import (
	"context"
	"sync"
	"time"
)

var (
	mu   sync.Mutex
	hook func(left time.Duration)
)

// Set makes f hear every Wait with a deadline from now on, with the time
// that was left to it, until restore is called. f must not block.
func Set(f func(left time.Duration)) (restore func()) {
	mu.Lock()
	defer mu.Unlock()
	old := hook
	hook = f
	return func() {
		mu.Lock()
		defer mu.Unlock()
		hook = old
	}
}

// Report tells the hook, if there is one, how long a Wait given ctx has.
func Report(ctx context.Context) {
	d, ok := ctx.Deadline()
	if !ok {
		return
	}
	mu.Lock()
	f := hook
	mu.Unlock()
	if f != nil {
		f(time.Until(d))
	}
}
