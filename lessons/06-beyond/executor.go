package beyond

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"
)

// ErrDeadLetter: the task was delivered to workers more times than
// WithMaxAttempts allows and never finished; it waits in the dead-letter
// stream (TASKS_DEAD), and its future fails with this error.
var ErrDeadLetter = errors.New("beyond: the task went to the dead letters")

// JetStream is a futures.Executor whose tasks are messages on a NATS
// JetStream work queue, run by worker processes here (NewJetStream starts
// them) or on other machines (Serve).
type JetStream struct {
	o       options
	id      string // names this executor's subjects
	workers int

	server *embedded // nil when connected to a URL
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
	subs   []*nats.Subscription

	stopProcs context.CancelFunc
	bg        sync.WaitGroup // the workers' supervisors, retries of publishes

	mu     sync.Mutex
	next   uint64
	tasks  map[uint64]*sent
	shut   bool
	broken error
	dups   int // results that came for a task already finished
	starts int // worker processes started
	closer sync.Once
	closed chan struct{}
}

// sent is a task on its way: in the stream, or running on a worker.
type sent struct {
	t       *futures.Task
	msg     *nats.Msg
	started bool
	stop    func() bool // stops telling the worker to cancel
	note    string      // why a worker last gave it back
	tries   int         // publishes that failed
}

// NewJetStream makes an executor on NATS JetStream with workers worker
// processes of its own (0: none; workers elsewhere run Serve). With no
// URL (WithURL, NATS_URL), it starts a NATS server inside this program
// first. Like lesson 01's pool, it needs processes.RunChildIfRequested at
// the top of main, and functions registered at start-up.
func NewJetStream(workers int, opts ...Option) (*JetStream, error) {
	o := defaults()
	for _, opt := range opts {
		opt(&o)
	}
	switch {
	case o.err != nil:
		return nil, fmt.Errorf("beyond: new executor: %w", o.err)
	case workers < 0:
		return nil, fmt.Errorf("beyond: new executor: %d workers: give 0 or more", workers)
	}
	e := &JetStream{o: o, id: nuid.Next(), workers: workers, tasks: map[uint64]*sent{}, closed: make(chan struct{})}
	if err := e.open(); err != nil {
		e.teardown()
		return nil, err
	}
	return e, nil
}

// open connects (starting the embedded server if there is no URL),
// declares the streams, listens for answers, and starts the workers.
func (e *JetStream) open() error {
	url, token := e.o.url, ""
	if url == "" {
		srv, err := startEmbedded()
		if err != nil {
			return err
		}
		e.server, url, token = srv, srv.url(), srv.token
	}
	nc, err := dial(url, token, "beyond executor "+e.id, e.o.connectWait, e.lost)
	if err != nil {
		return err
	}
	e.nc = nc
	if e.js, err = jetstream.New(nc, jetstream.WithPublishAsyncErrHandler(e.publishFailed),
		jetstream.WithPublishAsyncMaxPending(4096)); err != nil {
		return fmt.Errorf("beyond: new executor: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if e.stream, err = declare(ctx, e.js, e.o); err != nil {
		return err
	}
	for subject, handler := range map[string]nats.MsgHandler{resultsPrefix + e.id: e.result, notesPrefix + e.id: e.noted} {
		sub, err := nc.Subscribe(subject, handler)
		if err != nil {
			return fmt.Errorf("beyond: new executor: listen on %s: %w", subject, err)
		}
		e.subs = append(e.subs, sub)
	}
	if err := nc.Flush(); err != nil {
		return fmt.Errorf("beyond: new executor: %w", err)
	}
	// The workers say when they take tasks, so that the first tasks are
	// shared among all of them, not taken by the first to start.
	ready, err := nc.SubscribeSync(readyPrefix + e.id)
	if err != nil {
		return fmt.Errorf("beyond: new executor: %w", err)
	}
	defer ready.Unsubscribe()
	procCtx, stop := context.WithCancel(context.Background())
	e.stopProcs = stop
	for range e.workers {
		p, err := e.startWorker(procCtx, url, token)
		if err != nil {
			return err
		}
		e.bg.Go(func() { e.supervise(procCtx, p, url, token) })
	}
	for i := range e.workers {
		if _, err := ready.NextMsg(30 * time.Second); err != nil {
			return fmt.Errorf("beyond: new executor: %d of %d workers ready after 30s: %w", i, e.workers, err)
		}
	}
	return nil
}

// Workers is the number of worker processes this executor started, at
// least 1 (workers elsewhere are not counted): Map keeps twice as many
// tasks in flight.
func (e *JetStream) Workers() int { return max(1, e.workers) }

// Duplicates is how many results came for tasks that had already finished:
// a task runs again when its worker's acknowledgement was lost, and its
// second result is dropped.
func (e *JetStream) Duplicates() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.dups
}

// Execute publishes the task to the stream. It fails, and the task never
// runs, if the executor was shut down or broke, or the task's arguments
// cannot be encoded.
func (e *JetStream) Execute(t *futures.Task) error {
	data, err := t.EncodeArgs()
	if err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	switch {
	case e.shut:
		return futures.ErrShutdown
	case e.broken != nil:
		return e.broken
	}
	e.next++
	id := strconv.FormatUint(e.next, 10)
	m := nats.NewMsg(tasksPrefix + e.id)
	m.Header.Set(hdrMsgID, e.id+"."+id)
	m.Header.Set(hdrTask, id)
	m.Header.Set(hdrFunc, t.Func())
	m.Header.Set(hdrAttempt, strconv.Itoa(e.o.maxAttempts))
	m.Data = data
	if _, err := e.js.PublishMsgAsync(m); err != nil {
		return fmt.Errorf("beyond: publish task %s: %w", t.Func(), err)
	}
	e.tasks[e.next] = &sent{t: t, msg: m}
	return nil
}

// publishFailed publishes a task again when the server did not confirm it
// (a server of a cluster stopped): its message ID makes a second copy
// harmless. After a few tries the task fails.
func (e *JetStream) publishFailed(_ jetstream.JetStream, m *nats.Msg, err error) {
	id, _ := taskID(m.Header.Get(hdrTask))
	e.mu.Lock()
	s := e.tasks[id]
	if s == nil || e.broken != nil {
		e.mu.Unlock()
		return
	}
	s.tries++
	if s.tries > 120 { // 30 seconds: longer than a cluster takes to elect a new leader
		delete(e.tasks, id)
		e.mu.Unlock()
		s.t.FinishEncoded(nil, "", fmt.Errorf("beyond: publish task %s: %w", s.t.Func(), err))
		return
	}
	e.mu.Unlock()
	e.bg.Go(func() {
		select {
		case <-e.closed:
		case <-time.After(250 * time.Millisecond):
			if _, err := e.js.PublishMsgAsync(m); err != nil {
				e.publishFailed(e.js, m, err)
			}
		}
	})
}

// noted hears that a worker started a task, or gave it back.
func (e *JetStream) noted(msg *nats.Msg) {
	id, ok := taskID(msg.Header.Get(hdrTask))
	if !ok {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.tasks[id]
	if s == nil {
		return
	}
	switch msg.Header.Get(hdrNote) {
	case noteGaveBack:
		s.note = msg.Header.Get(hdrReason)
	case noteStarted:
		e.start(id, s, msg.Header.Get(hdrWorker))
	}
}

// start moves a task's future to running, once; a task cancelled in the
// meantime is cancelled on its worker too. Stop and the end of the
// submitter's context reach the worker the same way. e.mu is held.
func (e *JetStream) start(id uint64, s *sent, worker string) {
	if s.started {
		return
	}
	s.started = true
	ctx, ok := s.t.Start(&futures.Worker{Name: worker})
	if !ok {
		delete(e.tasks, id)
		e.cancelOnWorker(id)
		return
	}
	s.stop = context.AfterFunc(ctx, func() { e.cancelOnWorker(id) })
}

func (e *JetStream) cancelOnWorker(id uint64) {
	_ = e.nc.Publish(cancelPrefix+e.id, strconv.AppendUint(nil, id, 10))
}

// result finishes a task's future with what its worker sent, and answers,
// so that the worker may acknowledge the task. A second result for the
// same task (it ran twice) is counted and dropped.
func (e *JetStream) result(msg *nats.Msg) {
	defer msg.Respond(nil)
	h := msg.Header
	id, ok := taskID(h.Get(hdrTask))
	if !ok {
		return
	}
	worker := h.Get(hdrWorker)
	e.mu.Lock()
	s := e.tasks[id]
	if s == nil {
		e.dups++
		e.mu.Unlock()
		return
	}
	delete(e.tasks, id)
	e.start(id, s, worker) // if its note was lost
	e.mu.Unlock()
	if s.stop != nil {
		s.stop()
	}
	var err error
	switch {
	case h.Get(hdrNote) == "dead":
		err = fmt.Errorf("%w: task %d (%s) was %s", ErrDeadLetter, id, s.t.Func(), h.Get(hdrError))
		if s.note != "" {
			err = fmt.Errorf("%w; the last worker to give it back said: %s", err, s.note)
		}
	case h.Get(hdrError) != "":
		err = fmt.Errorf("beyond: %s could not run task %d (%s): %s", worker, id, s.t.Func(), h.Get(hdrError))
	}
	s.t.FinishEncoded(msg.Data, worker, err)
}

// lost is called when the connection is closed for good: every task that
// has not finished fails, and the executor is broken.
func (e *JetStream) lost(err error) {
	e.mu.Lock()
	if e.broken == nil {
		if err == nil {
			err = nats.ErrConnectionClosed
		}
		e.broken = fmt.Errorf("%w: lost the connection to NATS: %w", futures.ErrBroken, err)
	}
	tasks := e.tasks
	e.tasks = map[uint64]*sent{}
	broken := e.broken
	e.mu.Unlock()
	for _, s := range tasks {
		s.t.FinishEncoded(nil, "", broken)
	}
}

// startWorker starts a worker process, named JetStreamWorker-N as Python
// names its pool's processes.
func (e *JetStream) startWorker(ctx context.Context, url, token string) (*processes.Process[Served], error) {
	e.mu.Lock()
	e.starts++
	n := e.starts
	e.mu.Unlock()
	p := processes.New(serveInChild, WorkerConfig{URL: url, Token: token, Ready: readyPrefix + e.id},
		processes.WithName(fmt.Sprintf("JetStreamWorker-%d", n)), processes.WithGrace(e.o.ackWait+5*time.Second))
	if err := p.Start(ctx); err != nil {
		return nil, fmt.Errorf("beyond: start worker %d: %w", n, err)
	}
	return p, nil
}

// supervise waits for a worker process and, until ctx ends, starts another
// in its place when it dies: the task it had goes to another worker once
// the ack wait is over. A worker that keeps dying at once is started again
// less and less often.
func (e *JetStream) supervise(ctx context.Context, p *processes.Process[Served], url, token string) {
	backoff := 50 * time.Millisecond
	for {
		started := time.Now()
		_, _ = p.Wait(context.Background())
		if time.Since(started) > 5*time.Second {
			backoff = 50 * time.Millisecond
		}
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 5*time.Second)
			var err error
			if p, err = e.startWorker(ctx, url, token); err == nil {
				break
			}
		}
	}
}
