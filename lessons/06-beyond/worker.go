package beyond

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// WorkerConfig says where a worker takes its tasks from.
type WorkerConfig struct {
	// URL is the NATS server's (or the cluster's, comma separated).
	URL string
	// Token is the embedded server's; a URL of another server carries
	// its own credentials.
	Token string
	// Name names the worker in results and errors; the default is the
	// process's name (processes.Current), or host:pid.
	Name string
	// Ready, if set, is a subject the worker publishes its name on once it
	// takes tasks: NewJetStream waits for its workers that way.
	Ready string
}

// Served is what a worker did before it stopped.
type Served struct {
	Tasks int // tasks it ran and answered
}

// serveInChild is Serve in a worker process that NewJetStream starts.
var serveInChild = processes.Register("beyond.Serve", Serve)

// Serve is a worker: it connects to the server at cfg.URL and runs the
// tasks of every executor that uses that server, one at a time, until
// ctx ends; then it finishes the task it has, and any it has already
// taken, and returns. Run it in the main of a program that registers the
// same functions as the program that submits the tasks (the same binary,
// or one importing the same packages), on this machine or any other.
func Serve(ctx context.Context, cfg WorkerConfig) (Served, error) {
	name := cfg.Name
	if name == "" {
		name = workerName()
	}
	// A connection closed for good (the server went away and did not come
	// back) ends the loop below: the worker cannot answer any task.
	lost := make(chan struct{})
	var lostOnce sync.Once
	nc, err := dial(cfg.URL, cfg.Token, name, 2*time.Second, func(error) { lostOnce.Do(func() { close(lost) }) })
	if err != nil {
		return Served{}, err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return Served{}, fmt.Errorf("beyond: serve: %w", err)
	}
	cons, err := waitConsumer(ctx, js)
	if err != nil {
		return Served{}, err
	}
	w := &worker{name: name, nc: nc, js: js, ackWait: cons.CachedInfo().Config.AckWait, cancels: map[string]context.CancelFunc{}}
	sub, err := nc.Subscribe(cancelSubjects, w.cancelled)
	if err != nil {
		return Served{}, fmt.Errorf("beyond: serve: hear cancellations: %w", err)
	}
	defer sub.Unsubscribe()
	if cfg.Ready != "" {
		if err := nc.Publish(cfg.Ready, []byte(name)); err != nil {
			return Served{}, fmt.Errorf("beyond: serve: say it is ready: %w", err)
		}
	}
	// A worker takes one task at a time, and only when it is free: a task
	// waits in the stream, where any worker can take it, not in a worker
	// that is busy or about to die. Fetching stops when ctx ends (the task
	// in hand is finished first) or the connection is lost for good; the
	// tasks run on when ctx ends, but not when the connection is lost:
	// nobody could have their results.
	fetching, stopFetching := context.WithCancel(ctx)
	defer stopFetching()
	base, cancelBase := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelBase()
	var watch sync.WaitGroup
	defer watch.Wait()
	quit := make(chan struct{})
	defer close(quit)
	watch.Go(func() {
		select {
		case <-lost:
			cancelBase()
			stopFetching()
		case <-quit:
		}
	})
	pull, err := newPuller(nc)
	if err != nil {
		return Served{}, err
	}
	defer pull.close()
	for {
		msg, err := pull.next(fetching)
		if err == nil {
			w.handle(base, msg)
		}
		select {
		case <-lost:
			return Served{Tasks: int(w.done.Load())}, fmt.Errorf("beyond: serve: lost the connection to NATS: %w", nc.LastError())
		default:
		}
		if ctx.Err() != nil {
			return Served{Tasks: int(w.done.Load())}, nil
		}
		if err != nil && !errors.Is(err, errNoTask) && !errors.Is(err, context.Canceled) {
			return Served{Tasks: int(w.done.Load())}, fmt.Errorf("beyond: serve: take a task: %w", err)
		}
	}
}

// waitConsumer waits until an executor has made the workers' consumer: a
// worker may start before any executor has.
func waitConsumer(ctx context.Context, js jetstream.JetStream) (jetstream.Consumer, error) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		cons, err := js.Consumer(ctx, tasksStream, consumerName)
		if err == nil {
			return cons, nil
		}
		if !errors.Is(err, jetstream.ErrStreamNotFound) && !errors.Is(err, jetstream.ErrConsumerNotFound) {
			return nil, fmt.Errorf("beyond: serve: find the tasks: %w", err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("beyond: serve: no executor has made the stream %s yet: %w", tasksStream, context.Cause(ctx))
		case <-tick.C:
		}
	}
}

func workerName() string {
	if id := processes.Current(); id.PID != 0 && id.Name != "" && id.Name != "MainProcess" {
		return id.Name
	}
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

// worker is Serve's state.
type worker struct {
	name    string
	nc      *nats.Conn
	js      jetstream.JetStream
	ackWait time.Duration
	done    atomic.Int64 // tasks answered

	mu      sync.Mutex
	cancels map[string]context.CancelFunc // the running task's, by executor/task
}

type attemptKey struct{}

// Attempt is how many times the task whose context is ctx has been
// delivered to a worker, counting this one: 1 the first time, 2 after a
// worker died with it, and so on. It is 0 outside a JetStream worker. A
// task that keeps what it did so far can tell from it that it is resuming.
func Attempt(ctx context.Context) int {
	n, _ := ctx.Value(attemptKey{}).(int)
	return n
}

// handle runs one task and answers it.
func (w *worker) handle(base context.Context, msg *nats.Msg) {
	h := msg.Header
	exec, id, fn := executorOf(msg.Subject), h.Get(hdrTask), h.Get(hdrFunc)
	md, err := msg.Metadata()
	if err != nil {
		_ = msg.Term() // not a JetStream message: nothing to run
		return
	}
	attempt := int(md.NumDelivered)
	if limit, _ := strconv.Atoi(h.Get(hdrAttempt)); limit > 0 && attempt > limit {
		w.bury(msg, exec, id, limit)
		return
	}
	// The executor hears that the task started only if it is still running
	// a millisecond later: a task that ends sooner says so with its result,
	// which spares two of the eleven messages a task costs.
	started := time.AfterFunc(startedAfter, func() { w.note(exec, id, noteStarted, "") })
	ctx, cancel := context.WithCancel(context.WithValue(base, attemptKey{}, attempt))
	key := exec + "/" + id
	w.mu.Lock()
	w.cancels[key] = cancel
	w.mu.Unlock()
	stopBeat := w.heartbeat(msg)
	results, err := processes.RunEncoded(ctx, fn, msg.Data)
	started.Stop()
	stopBeat()
	w.mu.Lock()
	delete(w.cancels, key)
	w.mu.Unlock()
	cancel()
	if errors.Is(err, processes.ErrNotRegistered) {
		// Another worker may have it: give the task back, and say why, so
		// that the executor can tell if it ends in the dead letters.
		w.note(exec, id, noteGaveBack, w.name+": "+err.Error())
		_ = msg.NakWithDelay(50 * time.Millisecond)
		return
	}
	// The worker answers before it asks for its next task: the stream
	// then has the acknowledgement before the request for the next one
	// (one connection keeps their order), so a task that kills its worker
	// cannot take a finished one with it.
	w.answer(msg, exec, id, results, err, false)
}

// startedAfter is how long a task runs before its worker tells the
// executor it started (see handle).
const startedAfter = time.Millisecond

// heartbeat tells JetStream every third of the ack wait that the task is
// still running, so that it does not go to another worker. The returned
// function stops it and waits until it has.
func (w *worker) heartbeat(msg *nats.Msg) (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(max(w.ackWait/3, 10*time.Millisecond))
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
				_ = msg.InProgress()
			}
		}
	}()
	return func() { close(quit); <-done }
}

// answer sends the results (or err) to the executor and waits for it to
// have them; only then is the task acknowledged. If no executor listens
// any more, nobody wants the task: it is dropped. If the executor does not
// answer in time, the task is given back and will run again.
func (w *worker) answer(msg *nats.Msg, exec, id string, results []byte, err error, dead bool) {
	m := nats.NewMsg(resultsPrefix + exec)
	m.Header.Set(hdrTask, id)
	m.Header.Set(hdrWorker, w.name)
	if err != nil {
		m.Header.Set(hdrError, err.Error())
	}
	if dead {
		m.Header.Set(hdrNote, "dead")
	}
	m.Data = results
	_, rerr := w.nc.RequestMsg(m, 5*time.Second)
	switch {
	case rerr == nil:
		_ = msg.Ack()
		w.done.Add(1)
	case errors.Is(rerr, nats.ErrNoResponders):
		_ = msg.Term()
	default:
		_ = msg.Nak()
	}
}

// bury moves a task that was delivered more than limit times to the
// dead-letter stream, and fails its future.
func (w *worker) bury(msg *nats.Msg, exec, id string, limit int) {
	why := fmt.Sprintf("delivered %d times and never finished (its workers died, or had no such function)", limit)
	dead := nats.NewMsg(deadPrefix + exec)
	for k, v := range msg.Header {
		if k != hdrMsgID {
			dead.Header[k] = v
		}
	}
	dead.Header.Set(hdrReason, why)
	dead.Data = msg.Data
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := w.js.PublishMsg(ctx, dead); err != nil {
		_ = msg.Nak() // try again later, rather than lose it
		return
	}
	w.answer(msg, exec, id, nil, errors.New(why), true)
}

// note tells the executor something about a task, without waiting.
func (w *worker) note(exec, id, what, reason string) {
	m := nats.NewMsg(notesPrefix + exec)
	m.Header.Set(hdrTask, id)
	m.Header.Set(hdrWorker, w.name)
	m.Header.Set(hdrNote, what)
	if reason != "" {
		m.Header.Set(hdrReason, reason)
	}
	_ = w.nc.PublishMsg(m)
}

// cancelled cancels the context of the task named in msg, if it runs here.
func (w *worker) cancelled(msg *nats.Msg) {
	key := executorOf(msg.Subject) + "/" + string(msg.Data)
	w.mu.Lock()
	cancel := w.cancels[key]
	w.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}
