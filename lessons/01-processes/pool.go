package processes

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"syscall"
	"time"
)

// Pool is a fixed number of long-lived worker processes that run tasks:
// Python's multiprocessing.Pool. Workers are started once and reused for
// task after task (each task can see which one ran it with Current). Give
// it work with Map and ApplyAsync; then Close it (or Terminate it) and
// Join it.
//
// Scheduling: tasks go to the worker holding the fewest, in the order they
// were given. A worker is sent a few tasks ahead of the one it runs, so that
// it never idles between tiny tasks, but no more than about a millisecond
// of work (measured as it goes). A worker that runs out of work takes back
// a task queued behind a busy worker's running one, so no task waits for
// another while a worker is idle.
//
// A worker that dies (a crash, a signal) fails the task it was running (the
// whole chunk, for Map with a chunk size above 1) with a *WorkerDiedError;
// the tasks queued behind it go to other workers, and the pool starts a new
// worker in its place.
type Pool struct {
	size int
	opts options

	inbox inbox         // to the dispatcher, which owns the pool's state
	done  chan struct{} // closed when the dispatcher has finished
	cbs   *callbacks
	wg    sync.WaitGroup // the dispatcher, the callback runner, the exit watchers

	mu    sync.Mutex
	state poolState
}

type poolState int

const (
	poolOpen poolState = iota
	poolClosed
	poolTerminated
)

// How many chunks a worker is sent ahead of the one it runs. Two keep it
// from idling between tasks; for tiny tasks, up to maxWindow let it run
// them back to back while the parent refills in batches. Long tasks keep
// the window small.
const (
	minWindow = 2
	maxWindow = 32
	// windowBudget is roughly how much work a worker may hold.
	windowBudget = time.Millisecond
)

// maxPoolSize is the most workers a pool may have: past a few per CPU,
// worker processes only add start-up time and memory, and thousands of
// them exhaust the system's process table.
func maxPoolSize() int { return max(64, 16*CPUCount()) }

// NewPool starts a pool of n worker processes, named PoolWorker-N, and
// returns once every worker is ready. A pool needs at least one worker and
// at most max(64, 16 × CPUCount()); CPUCount is the usual size for
// CPU-bound work.
func NewPool(n int, opts ...Option) (*Pool, error) {
	if n < 1 || n > maxPoolSize() {
		return nil, fmt.Errorf("processes: new pool: %d workers: a pool needs at least 1 and at most %d (16 per CPU; processes.CPUCount() is %d here)",
			n, maxPoolSize(), CPUCount())
	}
	if !startedUp.Load() {
		return nil, fmt.Errorf("processes: new pool: %w: call processes.RunChildIfRequested() as the first line of main (and of TestMain)", ErrNoGuard)
	}
	o := buildOptions(opts)
	if o.err != nil {
		return nil, opErr("new pool", o.err)
	}
	p := &Pool{size: n, opts: o, inbox: newInbox(), done: make(chan struct{}), cbs: newCallbacks()}
	d := &dispatcher{pool: p, workers: map[*poolWorker]bool{}, timer: time.NewTimer(time.Hour)}
	d.timer.Stop()
	for range n {
		if err := d.startWorker(); err != nil {
			d.abandon()
			return nil, opErr("new pool", err)
		}
	}
	// The workers start in parallel; the pool is ready when all of them are,
	// so that its first tasks do not wait for a program to start up.
	for _, w := range d.order {
		select {
		case <-w.ready:
			if w.initErr != nil {
				d.abandon()
				return nil, opErr("new pool", w.initErr)
			}
		case <-w.cp.exited:
			select {
			case <-w.ready: // it said why before it exited
				if w.initErr != nil {
					d.abandon()
					return nil, opErr("new pool", w.initErr)
				}
			default:
			}
			err := w.cp.exitError()
			d.abandon()
			return nil, opErr(fmt.Sprintf("new pool: %s exited before it was ready", w.name), err)
		}
	}
	p.wg.Go(func() {
		defer close(p.done)
		d.loop()
	})
	p.wg.Go(p.cbs.run)
	return p, nil
}

// Close stops the pool from taking new tasks. The workers finish the tasks
// already given and then exit; Join waits for that. Closing twice is
// harmless.
func (p *Pool) Close() { p.stop(poolClosed, closeEvent{}) }

// Terminate stops the workers now with SIGTERM, as Python's terminate()
// does: the tasks they were running, and those not started, fail with
// ErrPoolTerminated. Results that already arrived are kept.
func (p *Pool) Terminate() { p.stop(poolTerminated, terminateEvent{signal: syscall.SIGTERM}) }

// Kill is Terminate with SIGKILL, which no worker can catch or delay.
func (p *Pool) Kill() { p.stop(poolTerminated, terminateEvent{signal: syscall.SIGKILL}) }

func (p *Pool) stop(to poolState, ev poolEvent) {
	if p == nil {
		return
	}
	p.mu.Lock()
	if p.state >= to {
		p.mu.Unlock()
		return
	}
	p.state = to
	p.mu.Unlock()
	p.send(ev)
}

// Join waits until every worker has exited and every callback has run. Call
// Close or Terminate first; do not call Join from a callback, which Join
// would wait for.
func (p *Pool) Join(ctx context.Context) error {
	if p == nil {
		return errors.New("processes: join pool: the pool is nil: make one with processes.NewPool")
	}
	p.mu.Lock()
	open := p.state == poolOpen
	p.mu.Unlock()
	if open {
		return errors.New("processes: join pool: it is still running: call Close or Terminate first")
	}
	finished := make(chan struct{})
	go func() { // ends when the pool does, whether or not we still wait
		p.wg.Wait()
		close(finished)
	}()
	select {
	case <-finished:
		return nil
	case <-ctx.Done():
		return opErr("join pool", ctx.Err())
	}
}

// send hands ev to the dispatcher; false if the pool has finished.
func (p *Pool) send(ev poolEvent) bool { return p.inbox.put(ev) }

// preflight is the one check of a pool call (Map, ApplyAsync) before it
// sends anything: fn can run in a child on args (see Func.prepare, which a
// Process's Start makes too), and the pool takes tasks.
func preflight[A, R any](p *Pool, fn *Func[A, R], args []A, name naming) error {
	if err := fn.prepare(args, name); err != nil {
		return err
	}
	return p.usable()
}

// usable reports why the pool cannot take tasks: it is nil, or closed.
func (p *Pool) usable() error {
	if p == nil {
		return errors.New("the pool is nil: make one with processes.NewPool")
	}
	p.mu.Lock()
	open := p.state == poolOpen
	p.mu.Unlock()
	if !open {
		return fmt.Errorf("%w: create a new pool to run more tasks", ErrPoolClosed)
	}
	return nil
}

// submit gives the dispatcher a call's chunks to run.
func (p *Pool) submit(c *poolCall) error {
	if err := p.usable(); err != nil {
		return err
	}
	if !p.send(submitEvent{c}) {
		return fmt.Errorf("%w: create a new pool to run more tasks", ErrPoolClosed)
	}
	return nil
}

// poolCall is one Map or ApplyAsync: its chunks of tasks, how to read
// their results off a worker's stream, and where the results go.
type poolCall struct {
	fn            string
	chunks        []*chunk
	decodeResults func(c *conn) (any, error)
	to            receiver // where the results go
	gone          bool     // the caller stopped waiting: see cancel
	cancelErr     error    // why, for the chunks that never run
}

// receiver takes a call's results, chunk by chunk, on the dispatcher's
// goroutine: it must not block.
type receiver interface {
	deliver(c *chunk, results any, err error)
}

// chunk is a run of tasks sent to a worker as one message.
type chunk struct {
	call      *poolCall
	index     int       // which chunk of the call
	args      any       // the arguments: a []A
	id        uint64    // the message ID, once sent
	sent      time.Time // when it was sent
	delivered bool
	revoking  bool      // asked back from its worker, which answers "revoked" or with results
	killAt    time.Time // cancelled while running: its worker is killed if it still runs then
}

func (c *chunk) finish(results any, err error) {
	if c.delivered {
		return
	}
	c.delivered = true
	c.call.to.deliver(c, results, err)
}

// Events for the dispatcher.
type (
	poolEvent   any
	submitEvent struct{ call *poolCall }
	cancelEvent struct {
		call    *poolCall
		err     error         // what its chunks that never run fail with
		handled chan struct{} // if not nil, closed once the dispatcher has dropped the call
	}
	resultEvent struct {
		w       *poolWorker
		m       *message
		results any
	}
	exitEvent      struct{ w *poolWorker }
	closeEvent     struct{}
	terminateEvent struct{ signal syscall.Signal }
)

// poolWorker is a worker process and the chunks sent to it, oldest first:
// a worker runs them in order, so the first is the one running.
type poolWorker struct {
	name     string
	pool     *Pool
	cp       *childProc
	inflight []*chunk      // touched by the dispatcher only, like the fields below
	closing  bool          // nothing more is sent to it: it is leaving
	assigned int           // chunks given to it, for WithMaxTasks
	window   int           // chunks it may hold
	service  time.Duration // moving average of the time a chunk takes it
	lastDone time.Time     // when its last result arrived
	unsent   int           // chunks written to its pipe's buffer and not flushed yet

	ready     chan struct{} // closed when the worker reports it is ready
	readyOnce sync.Once
	initErr   error // set before ready is closed: its initializer failed

	mu    sync.Mutex
	calls map[uint64]*poolCall // how to read the results of each chunk sent
}

// decodeValue reads a chunk's results off the worker's stream, on the
// worker's reader goroutine.
func (w *poolWorker) decodeValue(m *message, c *conn) (any, error) {
	w.mu.Lock()
	call := w.calls[m.ID]
	w.mu.Unlock()
	if call == nil {
		return nil, c.decodeValue(nil)
	}
	return call.decodeResults(c)
}

func (w *poolWorker) onMessage(m *message, results any) {
	if m.Kind == kindReady {
		w.readyOnce.Do(func() {
			if m.Err != nil {
				w.initErr = fmt.Errorf("the initializer %s failed in %s: %w", w.pool.opts.init.fn, w.name, m.Err.toError(w.name, w.pool.opts.init.fn))
			}
			close(w.ready)
		})
		return
	}
	w.mu.Lock()
	delete(w.calls, m.ID)
	w.mu.Unlock()
	w.pool.send(resultEvent{w, m, results})
}

// full reports whether w can take no more chunks now.
func (w *poolWorker) full(o options) bool {
	return w.closing || len(w.inflight) >= w.window || (o.maxTasks > 0 && w.assigned >= o.maxTasks)
}

// dispatcher owns the pool's state: only its goroutine touches it.
type dispatcher struct {
	pool    *Pool
	workers map[*poolWorker]bool
	order   []*poolWorker // for a stable assignment order
	pending []*chunk
	state   poolState
	nextID  uint64
	broken  error       // set when workers can no longer start: new tasks fail with it
	timer   *time.Timer // the next grace period to end (see cancel)
	msg     message     // the message send writes
}

func (d *dispatcher) startWorker() error {
	o := d.pool.opts
	w := &poolWorker{name: nextName("PoolWorker"), pool: d.pool, calls: map[uint64]*poolCall{}, window: minWindow, ready: make(chan struct{})}
	cp, err := spawn("worker", w.name, o, w)
	if err != nil {
		return err
	}
	w.cp = cp
	if o.init != nil {
		// The worker runs it before its first task, then reports ready.
		if err := cp.conn.send(&message{Kind: kindInit, Func: o.init.fn}, o.init.args); err != nil {
			_ = cp.signal(syscall.SIGKILL)
		}
	}
	d.workers[w] = true
	d.order = append(d.order, w)
	d.pool.wg.Go(func() {
		<-cp.exited
		d.pool.send(exitEvent{w})
	})
	return nil
}

func (d *dispatcher) loop() {
	defer d.timer.Stop()
	var batch []poolEvent
	for len(d.workers) > 0 {
		select {
		case <-d.pool.inbox.wake:
			// Every event waiting, in one go: tasks submitted and results
			// arriving together are dealt with in one assign, which makes
			// one write to each worker's pipe for all of them.
			batch = d.pool.inbox.take(batch)
			for i, ev := range batch {
				d.handle(ev)
				batch[i] = nil
			}
		case <-d.timer.C:
			d.graceOver()
		}
		d.assign()
	}
	// Events that came too late: tasks fail as on a closed pool, and a
	// cancel is answered; the rest concern workers that are gone.
	d.state = max(d.state, poolClosed)
	for _, ev := range d.pool.inbox.close() {
		switch ev.(type) {
		case submitEvent, cancelEvent:
			d.handle(ev)
		}
	}
	d.pool.cbs.close() // the callback runner finishes what is queued
}

func (d *dispatcher) handle(ev poolEvent) {
	switch ev := ev.(type) {
	case submitEvent:
		switch {
		case d.state != poolOpen:
			d.fail(ev.call.chunks, fmt.Errorf("%w: create a new pool to run more tasks", ErrPoolClosed))
		case d.broken != nil:
			d.fail(ev.call.chunks, d.broken)
		default:
			d.pending = append(d.pending, ev.call.chunks...)
		}
	case cancelEvent:
		d.cancel(ev.call, ev.err)
		if ev.handled != nil {
			close(ev.handled)
		}
	case resultEvent:
		d.result(ev.w, ev.m, ev.results)
	case exitEvent:
		d.exited(ev.w)
	case closeEvent:
		if d.state == poolOpen {
			d.state = poolClosed
		}
	case terminateEvent:
		d.terminate(ev.signal)
	}
}

func (d *dispatcher) fail(chunks []*chunk, err error) {
	for _, c := range chunks {
		c.finish(nil, err)
	}
}

// assign deals pending chunks to workers with room, each to the worker
// holding the fewest, flushes each worker's pipe once, lets idle workers
// take back work queued behind busy ones, and lets workers that are done
// exit.
func (d *dispatcher) assign() {
	o := d.pool.opts
	for len(d.pending) > 0 {
		var w *poolWorker
		for _, c := range d.order {
			if d.workers[c] && !c.full(o) && (w == nil || len(c.inflight) < len(w.inflight)) {
				w = c
			}
		}
		if w == nil {
			break // every worker is full
		}
		c := d.pending[0]
		d.pending[0] = nil
		d.pending = d.pending[1:]
		if !d.send(w, c) {
			continue
		}
		w.unsent++
	}
	for _, w := range d.order {
		if w.unsent == 0 {
			continue
		}
		n := w.unsent
		w.unsent = 0
		if err := w.cp.conn.flush(); err != nil {
			// None of them reached the worker: they go back to the front.
			chunks := w.inflight[len(w.inflight)-n:]
			w.inflight = w.inflight[:len(w.inflight)-n]
			w.assigned -= n
			d.pending = append(slices.Clone(chunks), d.pending...)
			d.unreachable(w)
		}
	}
	if len(d.pending) == 0 {
		d.steal()
	}
	for _, w := range d.order {
		retired := o.maxTasks > 0 && w.assigned >= o.maxTasks
		finished := d.state == poolClosed && len(d.pending) == 0 && !d.stealing()
		if d.workers[w] && !w.closing && len(w.inflight) == 0 && (retired || finished) {
			w.closing = true
			w.cp.conn.closeWrite() // the worker reads end-of-file and exits
		}
	}
}

// send writes chunk c to worker w's pipe (the flush comes later). A chunk
// whose arguments cannot be encoded fails alone; one that cannot reach the
// worker goes back to the front of the line.
func (d *dispatcher) send(w *poolWorker, c *chunk) bool {
	d.nextID++
	c.id, c.sent = d.nextID, time.Now()
	w.mu.Lock()
	w.calls[c.id] = c.call
	w.mu.Unlock()
	d.msg = message{Kind: kindRun, ID: c.id, Func: c.call.fn} // encoded at once: one will do for every send
	err := w.cp.conn.write(&d.msg, c.args, false)
	if err == nil {
		w.inflight = append(w.inflight, c)
		w.assigned++
		return true
	}
	var enc *encodeError
	if errors.As(err, &enc) {
		c.finish(nil, opErr(fmt.Sprintf("send the task to %s", w.name), enc.err))
	} else {
		d.pending = append([]*chunk{c}, d.pending...)
	}
	d.unreachable(w)
	return false
}

// unreachable gives up on a worker whose pipe failed: it closed its end
// (it is deaf, or dying), or its stream is out of step. It is killed, and
// its exit brings a new worker.
func (d *dispatcher) unreachable(w *poolWorker) {
	w.closing = true
	_ = w.cp.signal(syscall.SIGKILL)
}

// steal asks busy workers to give back chunks queued behind the one they
// run, one for each idle worker, so that an idle worker never waits while
// work waits behind a long task. A worker that has already started the
// chunk answers with its results instead.
func (d *dispatcher) steal() {
	o := d.pool.opts
	idle, asked := 0, 0
	for _, w := range d.order {
		if d.workers[w] && !w.full(o) && len(w.inflight) == 0 {
			idle++
		}
		for _, c := range w.inflight {
			if c.revoking {
				asked++
			}
		}
	}
	for ; asked < idle; asked++ {
		var victim *chunk
		var from *poolWorker
		most := 0
		for _, w := range d.order {
			queued := 0
			var last *chunk
			for _, c := range w.inflight[min(1, len(w.inflight)):] {
				if !c.revoking {
					queued++
					last = c
				}
			}
			if queued > most {
				most, victim, from = queued, last, w
			}
		}
		if victim == nil {
			return
		}
		victim.revoking = true
		if err := from.cp.conn.send(&message{Kind: kindRevoke, ID: victim.id}, nil); err != nil {
			d.unreachable(from)
		}
	}
}

// stealing reports whether a chunk is being asked back from its worker.
func (d *dispatcher) stealing() bool {
	for _, w := range d.order {
		for _, c := range w.inflight {
			if c.revoking {
				return true
			}
		}
	}
	return false
}

// observe updates a worker's window from how long its chunks take: the
// time since it was sent the chunk or finished the previous one, whichever
// is later.
func (w *poolWorker) observe(c *chunk) {
	now := time.Now()
	start := c.sent
	if w.lastDone.After(start) {
		start = w.lastDone
	}
	w.lastDone = now
	took := now.Sub(start)
	if w.service == 0 {
		w.service = took
	} else {
		w.service = (7*w.service + took) / 8
	}
	w.window = minWindow
	if w.service > 0 {
		w.window = int(min(max(windowBudget/w.service, minWindow), maxWindow))
	}
}

func (d *dispatcher) result(w *poolWorker, m *message, results any) {
	for i, c := range w.inflight {
		if c.id != m.ID {
			continue
		}
		w.inflight = append(w.inflight[:i], w.inflight[i+1:]...)
		switch {
		case m.Err != nil && m.Err.Code == codeRevoked:
			// Given back before it started: it goes to an idle worker.
			c.revoking = false
			w.assigned--
			if c.call.gone {
				c.finish(nil, c.call.cancelErr)
			} else {
				d.pending = append([]*chunk{c}, d.pending...)
			}
		case m.Err != nil:
			c.finish(nil, m.Err.toError(w.name, c.call.fn))
		default:
			w.observe(c)
			c.finish(results, nil)
		}
		return
	}
}

// cancel drops a call whose context ended: its pending chunks fail with
// err at once, its queued ones are skipped by their workers (who say so),
// and its running ones are asked to stop through their context, and
// deliver what their function returns. A running chunk that has not
// returned when the grace period (WithGrace) ends has its worker killed,
// so that a task that ignores cancellation cannot hold a worker; it too
// fails with err.
func (d *dispatcher) cancel(call *poolCall, err error) {
	call.gone, call.cancelErr = true, err
	var kept []*chunk
	for _, c := range d.pending {
		if c.call != call {
			kept = append(kept, c)
		} else {
			c.finish(nil, err)
		}
	}
	d.pending = kept
	for _, w := range d.order {
		for i, c := range w.inflight {
			if c.call != call {
				continue
			}
			if err := w.cp.conn.send(&message{Kind: kindCancel, ID: c.id}, nil); err != nil {
				d.unreachable(w)
				break
			}
			if i == 0 {
				c.killAt = time.Now().Add(d.pool.opts.grace)
			}
		}
	}
	d.armTimer()
}

// armTimer sets the timer for the earliest grace period still running.
func (d *dispatcher) armTimer() {
	var next time.Time
	for _, w := range d.order {
		if len(w.inflight) > 0 {
			if at := w.inflight[0].killAt; !at.IsZero() && (next.IsZero() || at.Before(next)) {
				next = at
			}
		}
	}
	d.timer.Stop()
	if !next.IsZero() {
		d.timer.Reset(time.Until(next))
	}
}

// graceOver kills the workers still running a chunk whose grace ended.
func (d *dispatcher) graceOver() {
	now := time.Now()
	for _, w := range d.order {
		if len(w.inflight) > 0 && !w.closing {
			if at := w.inflight[0].killAt; !at.IsZero() && !now.Before(at) {
				w.closing = true
				_ = w.cp.signal(syscall.SIGKILL)
			}
		}
	}
	d.armTimer()
}

// exited handles a worker that ended: the task it was running fails, the
// tasks queued behind it go back to the front of the line, and a new
// worker takes its place unless the pool is finishing. A worker whose
// initializer failed ran nothing: all its tasks go back, and it is not
// replaced (a new one would fail the same way).
func (d *dispatcher) exited(w *poolWorker) {
	delete(d.workers, w)
	for i, o := range d.order {
		if o == w {
			d.order = append(d.order[:i], d.order[i+1:]...)
			break
		}
	}
	requeue := w.inflight
	died := false
	if len(w.inflight) > 0 && w.initErr == nil {
		running := w.inflight[0]
		requeue = w.inflight[1:]
		switch {
		case d.state == poolTerminated:
			running.finish(nil, ErrPoolTerminated)
		case running.call.gone: // killed when its grace ended, most likely
			running.finish(nil, running.call.cancelErr)
		default:
			running.finish(nil, &WorkerDiedError{Exit: w.cp.exitError()})
			died = true
		}
	}
	var back []*chunk
	for _, c := range requeue {
		c.revoking, c.killAt = false, time.Time{}
		if c.call.gone {
			c.finish(nil, c.call.cancelErr)
		} else {
			back = append(back, c)
		}
	}
	d.pending = append(back, d.pending...)
	w.inflight = nil
	d.armTimer()
	if died && d.pool.opts.stopOnDeath {
		d.pool.mu.Lock()
		d.pool.state = poolTerminated
		d.pool.mu.Unlock()
		d.terminate(syscall.SIGKILL) // nothing else starts: see StopOnWorkerDeath
	}
	if d.state == poolTerminated || (d.state == poolClosed && len(d.pending) == 0) {
		return
	}
	var err error
	if w.initErr != nil {
		err = w.initErr
	} else {
		err = d.startWorker()
	}
	if err != nil && len(d.workers) == 0 {
		d.broken = opErr("pool: no worker left and none can start", err)
		d.fail(d.pending, d.broken)
		d.pending = nil
	}
}

func (d *dispatcher) terminate(sig syscall.Signal) {
	d.state = poolTerminated
	d.fail(d.pending, ErrPoolTerminated)
	d.pending = nil
	for w := range d.workers {
		d.fail(w.inflight[min(1, len(w.inflight)):], ErrPoolTerminated)
		_ = w.cp.signal(sig)
	}
}

// abandon cleans up a pool that failed to start: it kills the workers
// that did start and waits for them and their watchers.
func (d *dispatcher) abandon() {
	for w := range d.workers {
		_ = w.cp.signal(syscall.SIGKILL)
	}
	d.pool.inbox.close() // the watchers' exit events have nobody to go to
	close(d.pool.done)
	d.pool.wg.Wait()
}
