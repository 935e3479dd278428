package check

import (
	"fmt"
	"sync"
	"sync/atomic"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// closeWatch catches, from inside the check's work function, a results
// channel closed while workers still run jobs: the first worker out closing
// it (a sync.Once, or a close deferred in each worker). The workers still
// running would send their results on the closed channel when their job
// returns, and that panic would end the learner's test binary with no word
// from the course. So once work finds the channel closed, it never returns:
// the worker stays held (heldForever), and the check names the mistake.
type closeWatch struct {
	c       *exercise.C
	results atomic.Pointer[<-chan threads.Result[int]] // set once the answer has returned it
	settles atomic.Bool                                // the answer settles (see exercise.C.Settle)

	running atomic.Int32 // work calls in progress, not held
	held    atomic.Int32 // work calls held because the channel was closed

	one    sync.Mutex // one closed at a time
	mu     sync.Mutex
	stolen []threads.Result[int] // results taken by closed, under mu
}

func newCloseWatch(c *exercise.C) *closeWatch {
	w := &closeWatch{c: c}
	w.settles.Store(true)
	return w
}

// returned records the channel the answer returned.
func (w *closeWatch) returned(results <-chan threads.Result[int]) {
	if results != nil {
		w.results.Store(&results)
	}
}

// closed reports whether the results channel is closed, once the answer
// has settled (a worker that was closing it has then done so). It takes a
// result waiting in the channel, for taken to hand back.
func (w *closeWatch) closed() bool {
	p := w.results.Load()
	if p == nil {
		return false
	}
	// One worker at a time: two settling at once would each wait for the
	// other (a goroutine in Settle is not blocked) until the patience ran out.
	w.one.Lock()
	defer w.one.Unlock()
	if w.settles.Load() && !w.c.Settle() {
		w.settles.Store(false) // an answer that never settles is not waited for again
	}
	select {
	case r, ok := <-*p:
		if !ok {
			return true
		}
		w.mu.Lock()
		w.stolen = append(w.stolen, r)
		w.mu.Unlock()
	default:
	}
	return false
}

// taken returns the results closed took from the channel.
func (w *closeWatch) taken() []threads.Result[int] {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stolen
}

// never is what a held worker waits for: nothing closes it.
var never = make(chan struct{})

// heldForever blocks the calling worker for the rest of the program: its
// result has nowhere to go. Main tells the leak check to pass over it.
func (w *closeWatch) heldForever() {
	w.held.Add(1)
	w.running.Add(-1)
	<-never
}

// heldFrame is heldForever's frame, for goleak.
const heldFrame = "github.com/gophertutor/concurrency/lessons/02-threads/check.(*closeWatch).heldForever"

// closedEarly fails the check if work found the results channel closed
// while jobs were still running; received is how many results had come
// before it closed. Call it once the driver has let every held job go. It
// waits for the answer to settle too: a worker that was between two jobs
// when the channel closed may still take one, and its work call is then
// held as well.
func (w *closeWatch) closedEarly(received int) {
	w.c.Await(func() bool { return w.c.Settle() && w.running.Load() == 0 })
	n := w.held.Load()
	if n == 0 {
		return
	}
	likely := "the first worker to finish closes the results channel (a sync.Once, or a close in each worker), " +
		"while the others still run: with several senders, none of them may close it. Let one more goroutine " +
		"wg.Wait() for every worker, then close the results"
	if received == 0 {
		likely = "the results were closed before any worker had sent one: wg.Add(1) runs inside the worker " +
			"goroutines, so the goroutine that closes after wg.Wait() can pass it before they have started. " +
			"Call wg.Add(1) before each go statement (or start the workers with wg.Go)"
	}
	w.c.Fail(exercise.Mistake{
		Expected: "the results channel to stay open until every worker has returned",
		Got: fmt.Sprintf("it was closed while %d worker(s) still ran a job: their results would have been sent on a "+
			"closed channel, which panics (the check held them back)", n),
		Likely: likely,
	})
}
