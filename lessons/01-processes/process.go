package processes

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/gophertutor/concurrency/lessons/01-processes/internal/waithook"
)

// Process is a registered function running in a child process: Python's
// multiprocessing.Process, with the function's result (or error) brought
// back to the parent. Make one with New, then Start it and Wait for it.
type Process[R any] struct {
	name    string
	fnName  string
	prepare func() (any, error) // checks the function and its argument
	opts    options

	mu     sync.Mutex
	cp     *childProc
	result *message // the child's result message, once it arrived
	items  []item[R]
}

// New prepares fn(arg) to run in a child process. Nothing starts until
// Start. The process is named "Process-N", like Python's, unless WithName
// says otherwise.
func New[A, R any](fn *Func[A, R], arg A, opts ...Option) *Process[R] {
	o := buildOptions(opts)
	if o.name == "" {
		o.name = nextName("Process")
	}
	return &Process[R]{
		name:   o.name,
		fnName: fn.Name(),
		opts:   o,
		prepare: func() (any, error) {
			args := []A{arg}
			switch {
			case o.err != nil:
				return nil, o.err
			case o.init != nil || o.maxTasks > 0:
				return nil, errors.New("WithInitializer and WithMaxTasksPerWorker are options of a Pool, not of a Process")
			}
			return args, fn.prepare(args, alone("arg"))
		},
	}
}

// Start starts the child. The argument is encoded first, so a value that
// cannot cross to a child is reported before any process starts. ctx
// bounds the child's life: when it is cancelled, the function's context in
// the child is cancelled too, and a child that has not returned after the
// grace period (WithGrace) is killed.
func (p *Process[R]) Start(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cp != nil {
		return fmt.Errorf("processes: start %s: it was already started (make a new Process to run it again)", p.name)
	}
	args, err := p.prepare()
	if err == nil {
		err = ctx.Err() // it would be cancelled before it started
	}
	if err != nil {
		return opErr(fmt.Sprintf("start %s", p.name), err)
	}
	cp, err := spawn("process", p.name, p.opts, p)
	if err != nil {
		return err
	}
	p.cp = cp
	if err := cp.conn.send(&message{Kind: kindRun, ID: 1, Func: p.fnName}, args); err != nil {
		_ = cp.signal(syscall.SIGKILL)
		<-cp.exited
		return opErr(fmt.Sprintf("start %s: send it its task", p.name), err)
	}
	go p.watch(ctx) // ends when the child exits
	return nil
}

func (p *Process[R]) decodeValue(_ *message, c *conn) (any, error) {
	var items []item[R]
	err := c.decodeValue(&items)
	return items, err
}

func (p *Process[R]) onMessage(m *message, value any) {
	if m.Kind == kindResult {
		p.mu.Lock()
		p.result = m
		p.items, _ = value.([]item[R])
		p.mu.Unlock()
	}
}

// watch cancels the child's function when ctx is done, then kills the
// child if it does not exit within the grace period.
func (p *Process[R]) watch(ctx context.Context) {
	select {
	case <-p.cp.exited:
		return
	case <-ctx.Done():
	}
	_ = p.cp.conn.send(&message{Kind: kindCancel, ID: 1}, nil)
	timer := time.NewTimer(p.opts.grace)
	defer timer.Stop()
	select {
	case <-p.cp.exited:
	case <-timer.C:
		_ = p.cp.signal(syscall.SIGKILL)
	}
}

// Wait waits for the child to exit and returns the function's result. It is
// Python's join, plus the result. If ctx ends first, Wait returns ctx's
// error and the child goes on running. The error is a *RemoteError when
// the function returned an error, a *PanicError when it panicked, and an
// *ExitError when the child ended without a result (os.Exit, a crash, a
// signal).
func (p *Process[R]) Wait(ctx context.Context) (R, error) {
	var zero R
	cp, err := p.started("wait for")
	if err != nil {
		return zero, err
	}
	waithook.Report(ctx) // for the checks: how long this Wait may take
	select {
	case <-cp.exited:
	case <-ctx.Done():
		return zero, opErr(fmt.Sprintf("wait for %s", p.name), ctx.Err())
	}
	p.mu.Lock()
	m, items := p.result, p.items
	p.mu.Unlock()
	switch {
	case m == nil:
		return zero, cp.exitError()
	case m.Err != nil:
		return zero, m.Err.toError(p.name, p.fnName)
	case len(items) != 1:
		return zero, fmt.Errorf("processes: %s sent %d results for one task", p.name, len(items))
	case items[0].Err != nil:
		return zero, items[0].Err.toError(p.name, p.fnName)
	}
	return items[0].Value, nil
}

func (p *Process[R]) started(what string) (*childProc, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cp == nil {
		return nil, fmt.Errorf("processes: %s %s: it has not been started (call Start first)", what, p.name)
	}
	return p.cp, nil
}

// Name is the process's name, e.g. "Process-1".
func (p *Process[R]) Name() string { return p.name }

// PID is the child's process ID, or 0 before Start.
func (p *Process[R]) PID() int {
	cp, err := p.started("")
	if err != nil {
		return 0
	}
	return cp.pid()
}

// Alive reports whether the child has been started and has not exited:
// Python's is_alive().
func (p *Process[R]) Alive() bool {
	cp, err := p.started("")
	if err != nil {
		return false
	}
	select {
	case <-cp.exited:
		return false
	default:
		return true
	}
}

// Done is closed once the child has exited. Before Start it is nil (a
// receive from it blocks forever): start the process first.
func (p *Process[R]) Done() <-chan struct{} {
	cp, err := p.started("")
	if err != nil {
		return nil
	}
	return cp.exited
}

// ExitCode is Python's exitcode: ok is false while the child runs (or
// before Start); code is the exit code, or minus the number of the signal
// that killed it (-15 after Terminate, -9 after Kill).
func (p *Process[R]) ExitCode() (code int, ok bool) {
	cp, err := p.started("")
	if err != nil {
		return 0, false
	}
	select {
	case <-cp.exited:
		return cp.exitCode(), true
	default:
		return 0, false
	}
}

// Terminate asks the child to stop with SIGTERM, which ends a Go program
// at once unless it handles the signal: Python's terminate(). Work in
// progress is lost and deferred calls do not run. A child that has already
// exited is left alone.
func (p *Process[R]) Terminate() error { return p.send(syscall.SIGTERM) }

// Kill ends the child with SIGKILL, which no program can catch.
func (p *Process[R]) Kill() error { return p.send(syscall.SIGKILL) }

func (p *Process[R]) send(sig syscall.Signal) error {
	cp, err := p.started("signal")
	if err != nil {
		return err
	}
	if err := cp.signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return opErr(fmt.Sprintf("signal %s", p.name), err)
	}
	return nil
}
