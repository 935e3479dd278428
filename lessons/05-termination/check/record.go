package check

import (
	"context"
	"errors"
	"sync"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// record is what the probed workers of one check run reported, gathered
// by a goroutine of the check's while the learner's code runs. react is
// called with each report, under the lock, and may let workers go.
type record struct {
	reports *processes.Queue[Report]
	probes  []Probe

	mu       sync.Mutex
	drew     map[int][]float64  // each worker's own account of what it drew
	waiting  map[int]int        // the step each worker waits at, if it waits
	made     map[int]bool       // scratch files made
	returned map[int]bool       // workers that reported they return
	ending   map[int]bool       // workers whose context ended, held by holdEnd
	events   []*processes.Event // the events the workers were given
	any      bool               // a report came
	react    func(r Report)
	changed  chan struct{} // closed, and replaced, by every report

	cancel context.CancelFunc
	done   chan struct{}
	quit   chan struct{}  // closed by close: the watchers return
	wg     sync.WaitGroup // the watchers
}

func newRecord(n int) *record {
	reports, ps := probes(n)
	return &record{reports: reports, probes: ps, drew: map[int][]float64{}, waiting: map[int]int{},
		made: map[int]bool{}, returned: map[int]bool{}, ending: map[int]bool{}, changed: make(chan struct{}), quit: make(chan struct{})}
}

// start gathers reports until stop.
func (r *record) start() {
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel, r.done = cancel, make(chan struct{})
	go func() {
		defer close(r.done)
		for {
			rep, err := r.reports.Get(ctx)
			if err != nil {
				return
			}
			r.take(rep)
		}
	}()
}

func (r *record) take(rep Report) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.any = true
	switch rep.What {
	case Drew:
		r.drew[rep.Index] = append(r.drew[rep.Index], rep.X)
	case Waiting:
		r.waiting[rep.Index] = rep.Step
	case Made:
		r.made[rep.Index] = true
	case Returned:
		r.returned[rep.Index] = true
	case Events:
		r.events = append(r.events, rep.Found, rep.Stop)
	case Ending:
		r.ending[rep.Index] = true
	}
	if r.react != nil {
		r.react(rep)
	}
	close(r.changed)
	r.changed = make(chan struct{})
}

// release lets worker i go on past the step it waits at; r.mu is held.
func (r *record) release(i int) {
	delete(r.waiting, i)
	_ = r.probes[i].Go.TryPut(true)
}

// stop stops gathering and takes the reports still queued: once the
// workers have exited, that is all they reported. It may be called again.
func (r *record) stop() {
	if r.cancel == nil {
		return
	}
	r.cancel()
	<-r.done
	r.cancel = nil
	for {
		rep, err := r.reports.TryGet()
		if errors.Is(err, processes.ErrEmpty) || err != nil {
			return
		}
		r.take(rep)
	}
}

// watch runs f on a goroutine that close waits for.
func (r *record) watch(f func()) { r.wg.Go(f) }

// close stops the watchers and frees the queues.
func (r *record) close() {
	close(r.quit)
	r.wg.Wait()
	r.stop()
	closeProbes(r.reports, r.probes)
}

// until waits until cond holds (it is checked under the lock after each
// report), or until patience has passed (or close was called); it reports
// whether cond held.
func (r *record) until(cond func() bool, patience time.Duration) bool {
	timer := time.NewTimer(patience)
	defer timer.Stop()
	for {
		r.mu.Lock()
		ok, changed := cond(), r.changed
		r.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-changed:
		case <-timer.C:
			return false
		case <-r.quit:
			return false
		}
	}
}
