package processes

import (
	"bytes"
	"io"
	"sync"
)

// stderrRecorder passes a child's standard error to dst and remembers what
// explains a crash: a Go program that dies prints "panic: ..." or
// "fatal error: ..." and then every goroutine's stack, which can run long.
// The recorder keeps the first lines from there on, and the last bytes
// written, for the ExitError.
type stderrRecorder struct {
	dst io.Writer

	mu       sync.Mutex
	partial  []byte // the current line, until its newline
	crash    []byte // from the first crash line on, up to keep bytes
	tail     []byte // the last keep bytes
	oom      bool   // a line said the child ran out of memory
	noStack  bool   // a line said it could not start a thread
	panicked bool   // a line was a Go panic's
	raced    bool   // a line was the race detector's report of a data race
}

// keep is how much of the crash report and of the tail is kept.
const keep = 2048

var crashStarts = [][]byte{[]byte("panic: "), []byte("fatal error: "), []byte("runtime: "), []byte("runtime/cgo: "), dataRace}

// dataRace starts the race detector's report of a data race.
var dataRace = []byte("WARNING: DATA RACE")

// outOfMemory is what a Go program that ran out of memory prints: the
// runtime's fatal error ("fatal error: out of memory", "fatal error:
// runtime: out of memory"), or, under the race detector, the detector's
// own failure to allocate, which may come before a crash report of
// another kind.
var outOfMemory = [][]byte{[]byte("out of memory"), []byte("ThreadSanitizer failed to allocate")}

// noThread is what a program that uses cgo prints when the C library
// cannot start a thread, for want of memory for its stack among other
// reasons.
var noThread = []byte("pthread_create failed")

func newStderrRecorder(dst io.Writer) *stderrRecorder { return &stderrRecorder{dst: dst} }

func (r *stderrRecorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	r.tail = append(r.tail, p...)
	if over := len(r.tail) - keep; over > 0 {
		r.tail = append(r.tail[:0], r.tail[over:]...)
	}
	for _, b := range p {
		r.partial = append(r.partial, b)
		if b == '\n' {
			r.line(r.partial)
			r.partial = r.partial[:0]
		}
	}
	r.mu.Unlock()
	if r.dst == nil {
		return len(p), nil
	}
	return r.dst.Write(p)
}

func (r *stderrRecorder) line(l []byte) {
	for _, s := range outOfMemory {
		r.oom = r.oom || bytes.Contains(l, s)
	}
	r.noStack = r.noStack || bytes.Contains(l, noThread)
	r.panicked = r.panicked || bytes.HasPrefix(l, []byte("panic: "))
	r.raced = r.raced || bytes.HasPrefix(l, dataRace)
	if r.crash == nil {
		for _, s := range crashStarts {
			if bytes.HasPrefix(l, s) {
				r.crash = []byte{}
				break
			}
		}
	}
	if r.crash != nil && len(r.crash) < keep {
		r.crash = append(r.crash, l[:min(len(l), keep-len(r.crash))]...)
	}
}

// outOfMemory reports whether the child said it ran out of memory,
// whether it said it could not start a thread, and whether it panicked.
func (r *stderrRecorder) outOfMemory() (oom, noThread, panicked bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.oom, r.noStack, r.panicked
}

// sawRace reports whether the race detector reported a data race.
func (r *stderrRecorder) sawRace() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.raced
}

// String is the crash report if there was one, else the end of stderr.
func (r *stderrRecorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.crash != nil {
		return string(r.crash)
	}
	return string(append(r.tail[:len(r.tail):len(r.tail)], r.partial...))
}
