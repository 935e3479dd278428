package check

import (
	"context"
	"errors"
	"fmt"
	"github.com/gophertutor/concurrency/lessons/06-beyond/check/catalog"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// RunFunc runs one message's task: exercise 3's run.
type RunFunc func(ctx context.Context, data []byte) error

// WorkFunc is the signature of exercise 3.
type WorkFunc func(ctx context.Context, cons jetstream.Consumer, run RunFunc) error

// AckWait is the ack wait of exercise 3's consumer: a message not
// acknowledged, and not said to be in progress, for that long goes to
// another worker.
const AckWait = 500 * time.Millisecond

// Work is exercise 3: an at-least-once worker loop on raw JetStream.
var Work = exercise.Exercise[WorkFunc]{
	Info:  catalog.Work,
	Check: checkWork,
}

// The messages of the check, in the order it publishes them.
const (
	taskOK   = "task-1: succeeds"
	taskFail = "task-2: fails the first time"
	taskLong = "task-3: runs longer than the ack wait"
	taskLast = "task-4: runs when the worker is told to stop"
)

// workRun is one run of the check: what the learner's Work was handed,
// and what the check's run function saw.
type workRun struct {
	c      *exercise.C
	log    *msgLog
	cons   jetstream.Consumer // the real one: the check takes redeliveries from it
	cancel context.CancelFunc // ends Work's context
	abort  chan struct{}      // closed when the check has failed: held runs return
	hold   time.Duration      // the longest the long run is held

	mu          sync.Mutex
	ackedFirst  string // a message acknowledged before it ran
	stolen      bool   // the long run's message was delivered again while it ran
	runCtxEnded bool   // the last run's context ended with Work's
	abandoned   bool   // Work returned while the last run was still going
}

func (w *workRun) set(f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f()
}

// run is the run function handed to the learner.
func (w *workRun) run(ctx context.Context, data []byte) error {
	task := string(data)
	n := w.log.deliveries(task)
	if w.log.count(task, n, evAck) > 0 {
		w.set(func() { w.ackedFirst = task })
	}
	w.log.add(task, n, evRun)
	var err error
	switch task {
	case taskFail:
		if w.log.count(task, 0, evRun) == 1 {
			err = errors.New("task-2 failed (the check's run fails it the first time)")
		}
	case taskLong:
		w.holdLong(n)
	case taskLast:
		w.cancel() // the worker is told to stop while it runs this task
		if ctx.Err() != nil {
			w.set(func() { w.runCtxEnded = true })
		}
		// Unless this run is in Work's own goroutine, wait until Work's
		// goroutines can go no further without this run: then Work has
		// either returned (abandoning it) or waits for it.
		if !w.c.InCaller() {
			w.c.Settle()
			if w.c.Returned() {
				w.set(func() { w.abandoned = true })
			}
		}
	}
	if err != nil {
		w.log.add(task, n, evRunFailed)
	} else {
		w.log.add(task, n, evRunOK)
	}
	return err
}

// holdLong holds the long run until its worker has told the server twice
// that it is still going, and for one and a half ack waits, taking from the
// consumer meanwhile whatever the server delivers: if it delivers the
// long run's message, the worker did not say in time that it was running.
func (w *workRun) holdLong(n uint64) {
	start := time.Now()
	for {
		select {
		case <-w.abort:
			return
		default:
		}
		if w.log.deliveries(taskLong) > n {
			w.set(func() { w.stolen = true }) // delivered again, to the learner's own code
			return
		}
		elapsed := time.Since(start)
		if w.log.count(taskLong, n, evInProgress) >= 2 && elapsed >= AckWait*3/2 || elapsed > w.hold {
			return
		}
		m, err := w.cons.Next(jetstream.FetchMaxWait(AckWait / 4))
		if err == nil {
			_ = m.Term() // the check's: it has seen what it needed
			if string(m.Data()) == taskLong {
				w.set(func() { w.stolen = true })
				return
			}
		}
	}
}

func checkWork(c *exercise.C, impl WorkFunc) {
	env := mustStartNATS(c)
	defer env.close()
	ctx, cancelSetup := short()
	defer cancelSetup()
	stream, err := env.js.CreateStream(ctx, jetstream.StreamConfig{
		Name: "WORK", Subjects: []string{"work"}, Retention: jetstream.WorkQueuePolicy, Storage: jetstream.MemoryStorage,
	})
	if err != nil {
		c.Fail(exercise.Mistake{Expected: "the check's stream to be made", Got: err.Error(), Likely: "not your code: run the check again"})
	}
	cons, err := stream.CreateConsumer(ctx, jetstream.ConsumerConfig{
		Durable: "workers", AckPolicy: jetstream.AckExplicitPolicy, AckWait: AckWait, MaxDeliver: -1,
	})
	if err != nil {
		c.Fail(exercise.Mistake{Expected: "the check's consumer to be made", Got: err.Error(), Likely: "not your code: run the check again"})
	}
	done := make(chan struct{})
	var forwarders sync.WaitGroup
	defer forwarders.Wait()
	defer close(done)
	log := newMsgLog()
	spy := &consSpy{Consumer: cons, log: log, done: done, wg: &forwarders}
	workCtx, cancelWork := context.WithCancel(context.Background())
	defer cancelWork()
	w := &workRun{c: c, log: log, cons: cons, cancel: cancelWork, abort: make(chan struct{}), hold: c.Patience() + 3*AckWait}

	returned := make(chan struct{}) // Work has returned
	halt := make(chan struct{})     // the check is over: the driver stops waiting
	var (
		mistake *exercise.Mistake
		stage   = "task-1"
		stageMu sync.Mutex
	)
	var driver sync.WaitGroup
	defer driver.Wait()
	defer close(halt)
	driver.Go(func() {
		m := w.drive(env, returned, halt, func(s string) { stageMu.Lock(); stage = s; stageMu.Unlock() })
		if m != nil {
			mistake = m
			close(w.abort)
			cancelWork()
		}
	})
	var werr error
	c.CallExplained("Work(ctx, cons, run)", func() string {
		stageMu.Lock()
		defer stageMu.Unlock()
		if workCtx.Err() == nil {
			return "it got stuck at " + stage + ": take one message at a time, and give each back (Ack or Nak) once its run returns"
		}
		return "Work did not return once ctx ended: take messages with cons.Next(jetstream.FetchContext(ctx)) (or Fetch with it), " +
			"so that a wait for the next message ends with ctx, and return once ctx.Err() is not nil"
	}, func() {
		defer close(returned)
		werr = impl(workCtx, spy, w.run)
		for _, t := range []string{taskOK, taskFail, taskLong, taskLast} {
			log.add(t, 0, evReturned)
		}
	})
	driver.Wait()
	if mistake != nil { // written by the driver, which has returned
		c.Fail(*mistake)
	}
	// The last run may still be going, if Work did not wait for it.
	last := log.deliveries(taskLast)
	log.await(func() bool { return log.count(taskLast, last, evRunOK) > 0 }, nil, nil, c.Patience())
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.abandoned {
		c.Fail(exercise.Mistake{Expected: "Work to finish the message in hand, then return, once ctx ended",
			Got:    "it returned while the run of " + taskLast + " was still going",
			Likely: "the message in hand was abandoned: when ctx ends, wait for the run you started and Ack it before you return"})
	}
	if w.runCtxEnded {
		c.Fail(exercise.Mistake{Expected: "the run in hand to go on when Work's ctx ends",
			Got:    "the run's context ended with Work's",
			Likely: "the message in hand was cancelled with Work: run it with context.WithoutCancel(ctx), so that it finishes, and ctx only stops the fetching"})
	}
	if !log.before(taskLast, log.deliveries(taskLast), evAck, evReturned) {
		c.Fail(exercise.Mistake{Expected: "the message in hand acknowledged before Work returns", Got: "Work returned without acknowledging " + taskLast,
			Likely: "the message in hand was abandoned when ctx ended: finish its run and Ack it, then return"})
	}
	for _, t := range []string{taskOK, taskFail, taskLong} {
		for n := uint64(1); n <= log.deliveries(t); n++ {
			if log.after(t, n, evInProgress, evAck) || log.after(t, n, evInProgress, evNak) {
				c.Fail(exercise.Mistake{Expected: "no InProgress for a message once it is acknowledged or given back",
					Got: fmt.Sprintf("InProgress for %s (delivery %d) after its Ack or Nak: its heartbeat went on", t, n),
					Likely: "the heartbeat was not stopped when its run returned: stop it and wait for it before Ack or Nak. " +
						"A defer inside the loop runs only when Work returns, so every message's heartbeat runs until then"})
			}
		}
	}
	if werr != nil {
		likely := "the end of ctx is how a worker is told to stop: it is not a failure; return nil"
		if errors.Is(werr, context.Canceled) {
			likely = "it returned ctx's error: the end of ctx is how a worker is told to stop, not a failure, and the " +
				"exercise says to return nil then (the caller knows its ctx ended)"
		}
		c.Fail(exercise.Mistake{Expected: "nil once ctx ended", Got: werr.Error(), Likely: likely})
	}
}

// drive publishes the check's messages one after the other and watches
// what Work does with each; it returns the first mistake it sees.
func (w *workRun) drive(env *natsEnv, returned, halt <-chan struct{}, stage func(string)) *exercise.Mistake {
	patience := w.c.Patience()
	early := func(task string) *exercise.Mistake {
		select {
		case <-returned:
			return &exercise.Mistake{Expected: "Work to go on until ctx ends", Got: "it returned while " + task + " was waiting",
				Likely: "Work returned before ctx ended: loop, one message after the other, until ctx.Err() is not nil"}
		default:
			return nil
		}
	}
	publish := func(task string) *exercise.Mistake {
		stage(task)
		ctx, cancel := short()
		defer cancel()
		if _, err := env.js.Publish(ctx, "work", []byte(task)); err != nil {
			return &exercise.Mistake{Expected: "the check to publish " + task, Got: err.Error(), Likely: "not your code: run the check again"}
		}
		return nil
	}
	await := func(cond func() bool, bound time.Duration) bool { return w.log.await(cond, returned, halt, bound) }
	ran := func(task string, n uint64) func() bool {
		return func() bool { return w.log.count(task, n, evRunOK)+w.log.count(task, n, evRunFailed) > 0 }
	}
	acked := func(task string, n uint64) func() bool { return func() bool { return w.log.count(task, n, evAck) > 0 } }
	ackedFirst := func() *exercise.Mistake {
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.ackedFirst == "" {
			return nil
		}
		return &exercise.Mistake{Expected: "each message acknowledged after its run succeeded",
			Got: fmt.Sprintf("%q was acknowledged before its run began", w.ackedFirst),
			Likely: "ack before run is at most once: a worker that dies during the run has lost the message; " +
				"call msg.Ack() only once run has returned nil"}
	}
	// settled waits for delivery n of a message that ran to be given back
	// (Ack, Nak or Term) or delivered again.
	settled := func(task string, n uint64) bool {
		return await(func() bool {
			return w.log.count(task, n, evAck)+w.log.count(task, n, evNak)+w.log.count(task, n, evTerm) > 0 ||
				w.log.deliveries(task) > n
		}, patience)
	}

	// A message that succeeds: run, then acknowledged.
	if m := publish(taskOK); m != nil {
		return m
	}
	if !await(ran(taskOK, 1), patience) {
		if m := early(taskOK); m != nil {
			return m
		}
		return &exercise.Mistake{Expected: "Work to take the message from cons and run it", Got: fmt.Sprintf("after %v, run was not called", patience),
			Likely: "take messages from the consumer (cons.Next, or cons.Fetch(1)) and call run(ctx, msg.Data())"}
	}
	if m := ackedFirst(); m != nil {
		return m
	}
	settled(taskOK, 1)
	switch {
	case w.log.count(taskOK, 1, evNak)+w.log.count(taskOK, 1, evTerm) > 0:
		return &exercise.Mistake{Expected: taskOK + " acknowledged: its run succeeded", Got: "it was given back with Nak or Term",
			Likely: "Ack a message whose run returned nil; Nak only a failed one"}
	case !acked(taskOK, 1)():
		return &exercise.Mistake{Expected: taskOK + " acknowledged once its run succeeded", Got: "it was never acknowledged: the server would deliver it again after the ack wait, and it would run twice",
			Likely: "no ack: call msg.Ack() once run has returned nil"}
	}

	// A message that fails, then succeeds: given back at once, then acknowledged.
	if m := publish(taskFail); m != nil {
		return m
	}
	if !await(ran(taskFail, 1), patience) {
		if m := early(taskFail); m != nil {
			return m
		}
		return &exercise.Mistake{Expected: "Work to take the next message and run it", Got: fmt.Sprintf("after %v, run was not called for %s", patience, taskFail),
			Likely: "loop: after a message, take the next one"}
	}
	settled(taskFail, 1)
	switch {
	case w.log.count(taskFail, 1, evAck) > 0:
		return &exercise.Mistake{Expected: "the failed run's message given back (Nak), to be delivered again", Got: "it was acknowledged: it never comes back",
			Likely: "ack on failure: a failed run must not Ack its message; msg.Nak() gives it back for another attempt"}
	case w.log.count(taskFail, 1, evTerm) > 0:
		return &exercise.Mistake{Expected: "the failed run's message given back (Nak), to be delivered again", Got: "it was terminated (Term): it never comes back",
			Likely: "Term is for a message no attempt can run; a failed run is given back with msg.Nak()"}
	case w.log.count(taskFail, 1, evNakLate) > 0:
		return &exercise.Mistake{Expected: "the failed run's message given back at once (Nak)",
			Got:    fmt.Sprintf("it was given back with NakWithDelay and a delay over %v: it waits that long before anyone can run it again", maxNakDelay),
			Likely: "a long NakWithDelay on failure: msg.Nak() gives it back at once (a NakWithDelay of at most 100ms is the same)"}
	case w.log.count(taskFail, 1, evNak) == 0:
		return &exercise.Mistake{Expected: "the failed run's message given back at once (Nak)",
			Got:    "it was neither acknowledged nor given back: it came back only when its ack wait ran out",
			Likely: "no Nak on failure: call msg.Nak() (or NakWithDelay with a short delay) when run returns an error, so that the next attempt comes soon"}
	}
	if !await(ran(taskFail, 2), patience) || !settled(taskFail, 2) || !acked(taskFail, 2)() {
		if m := early(taskFail); m != nil {
			return m
		}
		return &exercise.Mistake{Expected: taskFail + " delivered again, run again, and acknowledged", Got: fmt.Sprintf("within %v, it was not", patience),
			Likely: "give a failed message back with msg.Nak() (a NakWithDelay of at most 100ms), and keep taking messages"}
	}

	// A run longer than the ack wait.
	if m := publish(taskLong); m != nil {
		return m
	}
	if !await(ran(taskLong, 1), w.hold+patience) {
		if m := early(taskLong); m != nil {
			return m
		}
		return &exercise.Mistake{Expected: "Work to take the next message and run it", Got: fmt.Sprintf("run of %s did not return", taskLong),
			Likely: "loop: after a message, take the next one"}
	}
	w.mu.Lock()
	stolen := w.stolen
	w.mu.Unlock()
	if stolen || w.log.count(taskLong, 1, evInProgress) < 2 {
		got := "the server delivered it again while its run was still going: another worker would have run it too"
		if !stolen {
			got = fmt.Sprintf("it was said to be in progress %d times in %v", w.log.count(taskLong, 1, evInProgress), w.hold)
		}
		return &exercise.Mistake{Expected: "the server told, while a run is longer than the ack wait (" + AckWait.String() + "), that it is still going",
			Got:    got,
			Likely: "no InProgress for a long run: while run runs, call msg.InProgress() every AckWait/3 (a time.Ticker, in a goroutine you stop once run returns)"}
	}
	if !settled(taskLong, 1) || !acked(taskLong, 1)() {
		return &exercise.Mistake{Expected: taskLong + " acknowledged once its run succeeded", Got: "it was not",
			Likely: "Ack a message once its run returned nil, however long it took"}
	}

	// A message in hand when the worker is told to stop: the run cancels
	// Work's ctx; checkWork sees the rest.
	if m := publish(taskLast); m != nil {
		return m
	}
	started := func() bool { return w.log.count(taskLast, 1, evRun) > 0 }
	if !await(started, patience) {
		if m := early(taskLast); m != nil {
			return m
		}
		return &exercise.Mistake{Expected: "Work to take the next message and run it", Got: fmt.Sprintf("after %v, run was not called for %s", patience, taskLast),
			Likely: "loop: after a message, take the next one"}
	}
	stage("the end of ctx")
	return nil
}
