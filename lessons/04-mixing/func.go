package mixing

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Func is a function of one item, registered to run on batches of items in
// child processes, on several goroutines in each: make one with Register,
// run it with Map.
type Func[A, R any] struct {
	name  string
	fn    func(ctx context.Context, item A) (R, error)
	batch *processes.Func[batch[A, R], int] // what a child is started with
}

// Register registers fn under name so that child processes can run it on
// batches of items, and returns the handle to pass to Map. The rules are
// lesson 01's processes.Register: register it in a package-level variable,
// so that every child (this program started again) has it too, and start
// main with processes.RunChildIfRequested().
//
//	var fetch = mixing.Register("fetch", func(ctx context.Context, url string) (int, error) {
//		...
//	})
//
// fn runs on goroutines of a child, several at once: it must be safe for
// that, as any function run on goroutines must.
func Register[A, R any](name string, fn func(ctx context.Context, item A) (R, error)) *Func[A, R] {
	_, file, line, _ := runtime.Caller(1)
	where := fmt.Sprintf("%s:%d", file, line)
	registeredMu.Lock()
	if prev, dup := registered[name]; dup {
		registeredMu.Unlock()
		panic(fmt.Sprintf("mixing: two functions are registered as %q: at %s and at %s; give each its own name", name, prev, where))
	}
	registered[name] = where
	registeredMu.Unlock()
	f := &Func[A, R]{name: name, fn: fn}
	f.batch = processes.Register(name, f.runBatch)
	return f
}

// registered is where each name was registered, so that a name registered
// twice is reported with both places (lesson 01 would name this file).
var (
	registeredMu sync.Mutex
	registered   = map[string]string{}
)

// Name is the name the function was registered under.
func (f *Func[A, R]) Name() string {
	if f == nil {
		return ""
	}
	return f.name
}
