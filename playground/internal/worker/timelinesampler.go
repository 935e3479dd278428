package worker

import (
	"runtime"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/stacks"
)

// Sampling of a cell's goroutines for its timeline.
const (
	// sampleInterval is how often the sampler looks, at most.
	sampleInterval = 5 * time.Millisecond
	// sampleShare bounds the time spent sampling: the sampler waits at
	// least sampleShare times as long as its last look took, so that it
	// takes at most a fortieth of the time, and looks less often when
	// there are many goroutines (a dump stops them all while it is taken,
	// and the text grows with them). A look at a dozen goroutines takes
	// 0.05 to 0.5 ms, depending on the machine's load.
	sampleShare = 40
	// maxPace bounds the wait between looks for each 64 KB of stacks.
	maxPace = 20 * time.Millisecond
	// maxDump bounds the text of one look, as the deadlock detector's.
	maxDump = 32 << 20
)

// run samples until stop is closed or record says to stop, then closes
// done.
func (r *recorder) run(stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	// The first look waits as long as the last one of the previous cell
	// did: a cell that runs among many goroutines pays for few looks.
	timer := time.NewTimer(max(sampleInterval, r.wait))
	defer timer.Stop()
	for {
		select {
		case <-stop:
			return
		case <-timer.C:
		}
		start := time.Now()
		s, ok := r.take(stop)
		if !ok {
			return
		}
		if !r.record(s) {
			r.mu.Lock()
			r.active = false
			r.mu.Unlock()
			return
		}
		r.wait = pace(time.Since(start), s.size)
		timer.Reset(r.wait)
	}
}

// pace is how long to wait before the next look, after one that took cost
// and read size bytes of stacks: sampleShare times the cost, but no more
// than maxPace for each 64 KB: a small dump costs little, and when it
// seems to cost more, the sampler was mostly waiting for a CPU.
func pace(cost time.Duration, size int) time.Duration {
	limit := maxPace * time.Duration(1+size/(64<<10))
	return max(sampleInterval, min(sampleShare*cost, limit))
}

// take takes a sample, unless stop is closed first. Only one goroutine at a time may call it: the
// sampler, or the caller of timeline once the sampler has stopped.
func (r *recorder) take(stop <-chan struct{}) (sample, bool) {
	if r.sample != nil {
		return r.sample(stop)
	}
	return r.dumper.take(), true
}

// dumper takes samples, reusing its buffer: a sampler that allocated a
// new one each time would keep the garbage collector busy.
type dumper struct {
	buf    []byte
	names  map[int]string // child processes' names, by PID
	kids   []child        // the last list of child processes
	listed time.Time      // when it was taken; zero: at the next look
}

// take dumps every goroutine's stack and parses the dump.
func (d *dumper) take() sample {
	if d.buf == nil {
		d.buf = make([]byte, 64<<10)
	}
	for {
		n := runtime.Stack(d.buf, true)
		if n < len(d.buf) || len(d.buf) >= maxDump {
			at := time.Now()
			return sample{at: at, size: n, goroutines: stacks.Parse(d.buf[:n]), children: d.children()}
		}
		d.buf = make([]byte, min(2*len(d.buf), maxDump))
	}
}
