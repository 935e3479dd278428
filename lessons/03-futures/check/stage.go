package check

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Job is the registered function of exercises 1 and 2: it returns job×10.
// Each call is held on the check's stage, which the context the check
// gives the exercise carries (a task's context keeps its submitter's
// values), until the check says how it ends: with its result, with an
// error, or, if its context is cancelled first (Future.Stop), when the
// check lets it go.
var Job = processes.Register("check03.Job", func(ctx context.Context, job int) (int, error) {
	s, _ := ctx.Value(stageKey{}).(*stage)
	if s == nil {
		unstaged.Add(1)
		return 0, errNoStage
	}
	return s.run(ctx, job)
})

// resultOf is what Job returns for job: the checks compute the results they
// expect with it.
func resultOf(job int) int { return job * 10 }

// ErrJobFailed is the error of the job that the check of exercise 2 makes
// fail (wrapped, with the job's number).
var ErrJobFailed = errors.New("the job failed")

type stageKey struct{}

// stage holds the calls of Job for one check run.
type stage struct {
	jobs    []int  // the jobs the exercise is given, to find each one's index
	workers string // the name prefix of the check's executor's workers
	gauge   exercise.Gauge

	mu       sync.Mutex
	calls    []*call // in the order they arrived
	ended    []*call // in the order they returned
	free     bool    // the check is done with the stage: calls return at once
	returned bool    // the exercise has returned
	foreign  []string
	// firstStop is how many calls had arrived when the first context was
	// cancelled: a call that arrived later was pending then.
	firstStop int
}

// call is one call of Job.
type call struct {
	job, index int
	seq        int           // its arrival, counted from 1
	outcome    chan error    // the check's decision: nil for the result, or an error
	decided    bool          // the check has sent the decision
	stopped    bool          // its context ended while it was held
	letGo      chan struct{} // closed when the check lets a stopped call return
	released   bool          // letGo is closed
	ended      bool
	failed     bool // it returned an error the check decided
}

func newStage(jobs []int, workers string) *stage {
	return &stage{jobs: jobs, workers: workers}
}

// context returns ctx carrying the stage, for the exercise.
func (s *stage) context(ctx context.Context) context.Context {
	return context.WithValue(ctx, stageKey{}, s)
}

func (s *stage) run(ctx context.Context, job int) (int, error) {
	leave := s.gauge.Enter()
	c := s.arrive(ctx, job)
	defer func() {
		s.end(c)
		leave()
	}()
	select {
	case err := <-c.outcome:
		return s.decided(c, err)
	case <-ctx.Done():
		select {
		case err := <-c.outcome: // decided at the same moment: the decision stands
			return s.decided(c, err)
		default:
		}
	}
	s.mu.Lock()
	c.stopped = true
	if s.firstStop == 0 {
		s.firstStop = len(s.calls)
	}
	s.mu.Unlock()
	<-c.letGo
	return 0, ctx.Err()
}

func (s *stage) decided(c *call, err error) (int, error) {
	if err != nil {
		s.mu.Lock()
		c.failed = true
		s.mu.Unlock()
		return 0, err
	}
	return resultOf(c.job), nil
}

func (s *stage) arrive(ctx context.Context, job int) *call {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &call{job: job, index: slices.Index(s.jobs, job), seq: len(s.calls) + 1,
		outcome: make(chan error, 1), letGo: make(chan struct{})}
	if w := futures.Current(ctx).Name; !strings.HasPrefix(w, s.workers) {
		s.foreign = append(s.foreign, w)
	}
	s.calls = append(s.calls, c)
	if s.free {
		c.decided = true
		c.outcome <- nil
	}
	return c
}

func (s *stage) end(c *call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.ended = true
	s.ended = append(s.ended, c)
}

// markReturned records that the exercise has returned.
func (s *stage) markReturned() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.returned = true
}

// look is the stage at one moment: what the driver decides on.
type look struct {
	returned bool
	// heldSincePending counts the held calls that were pending when the
	// code began stopping tasks.
	heldSincePending int
	arrived          int     // calls so far
	held             []*call // waiting for the check's decision, context not cancelled
	stopping         []*call // context cancelled, waiting to be let go
	results          int     // calls that returned their result
}

func (s *stage) look() look {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := look{returned: s.returned, arrived: len(s.calls)}
	for _, c := range s.calls {
		switch {
		case c.ended:
			if !c.stopped && !c.failed {
				l.results++
			}
		case c.stopped && !c.released:
			l.stopping = append(l.stopping, c)
		case !c.decided && !c.stopped:
			l.held = append(l.held, c)
		}
	}
	for _, c := range l.held {
		if s.firstStop > 0 && c.seq > s.firstStop {
			l.heldSincePending++
		}
	}
	slices.SortFunc(l.held, func(a, b *call) int { return a.index - b.index })
	return l
}

// decide lets c return: with its result if err is nil, else with err.
func (s *stage) decide(c *call, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !c.decided {
		c.decided = true
		c.outcome <- err
	}
}

// letGo lets the stopped calls cs return.
func (s *stage) letGo(cs []*call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range cs {
		if !c.released {
			c.released = true
			close(c.letGo)
		}
	}
}

// open lets every call return at once, now and from now on.
func (s *stage) open() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.free = true
	for _, c := range s.calls {
		if !c.decided {
			c.decided = true
			c.outcome <- nil
		}
		if !c.released {
			c.released = true
			close(c.letGo)
		}
	}
}

// results lists the results returned, in the order the calls returned,
// and the jobs' indexes.
func (s *stage) results() (values, indexes []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.ended {
		if !c.stopped && !c.failed {
			values = append(values, resultOf(c.job))
			indexes = append(indexes, c.index)
		}
	}
	return values, indexes
}

// arrivedAfter counts the calls that arrived after the first seq.
func (s *stage) arrivedAfter(seq int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return max(0, len(s.calls)-seq)
}

// pick chooses which held call the check releases next. held is sorted by
// the jobs' indexes.
type pick func(held []*call) *call

func highest(held []*call) *call { return held[len(held)-1] }
func lowest(held []*call) *call  { return held[0] }
