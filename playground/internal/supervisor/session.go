package supervisor

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// Options configure a Session.
type Options struct {
	// Stdout and Stderr receive the worker's output. They must be safe for
	// concurrent use: goroutines print while a cell runs and between cells.
	// If they are one writer, or two files that are one (a terminal, or
	// 2>&1), the worker writes both into one pipe, and what it prints on
	// them stays in the order it printed it, as on a terminal.
	Stdout, Stderr io.Writer
	// Executable is the program to start as the worker; empty means this
	// program (os.Executable), whose main calls worker.RunIfRequested.
	Executable string
	// Args is os.Args as the interpreted program sees it.
	Args []string
	// Stdin is the worker's standard input, the interpreted program's:
	// nil is empty (the REPL reads the terminal itself). A file (a pipe,
	// a redirected file) is handed over as it is; another reader is
	// copied in, as os/exec does.
	Stdin io.Reader
	// OnCrash is called when the worker died while no request was running
	// (a goroutine of an earlier cell crashed it), after the new worker is
	// ready. It must not call the Session.
	OnCrash func(*Crash, *Restart)
	// OnSlowInterrupt is called when a request has not stopped a second
	// after Interrupt. It must not call the Session.
	OnSlowInterrupt func()
	// OnLive is called when the worker counts the learner's goroutines
	// again after its answer to request id (see Result.ID): live are alive
	// now. (An interrupt leaves the cell's own goroutine in compiled code;
	// the worker tells when it has ended.) It must not call the Session.
	OnLive func(id uint64, live int)

	oneStream bool // Stdout and Stderr are one
}

// sameFile reports whether a and b are files that are one file: the same
// terminal, pipe or file.
func sameFile(a, b io.Writer) bool {
	fa, ok := a.(*os.File)
	if !ok {
		return false
	}
	fb, ok := b.(*os.File)
	if !ok {
		return false
	}
	sa, err := fa.Stat()
	if err != nil {
		return false
	}
	sb, err := fb.Stat()
	return err == nil && os.SameFile(sa, sb)
}

// SlowInterrupt is how long a request may take to stop after Interrupt
// before Options.OnSlowInterrupt is called.
const SlowInterrupt = time.Second

// Chunk is source code the worker evaluates in one go.
type Chunk struct {
	Src string
	// Replay marks a declaration: it is evaluated again in a new worker
	// after a crash, if it ran without error.
	Replay bool
	// Stmts marks statements (see wire.Chunk).
	Stmts bool
}

// Request is code to evaluate.
type Request struct {
	// Cell names the cell, for the labels of the goroutines it starts.
	Cell   string
	Chunks []Chunk
	// Types are the type names of shown values (see wire.Eval).
	Types map[int]string
	// Measure asks for Result.Stats (see wire.Eval).
	Measure bool
	// Main marks a whole program run once (see wire.Eval).
	Main bool
}

// Result is what became of a Request.
type Result struct {
	// Evaluated is the number of chunks that ran without error.
	Evaluated int
	// Err is the error of the chunk that failed: a compile error, or a
	// panic in the cell's own goroutine (which the worker survives).
	Err *wire.Error
	// Interrupted is set when Interrupt stopped the request.
	Interrupted bool
	// Goexit is set when the cell's own goroutine called runtime.Goexit
	// in chunk number Evaluated.
	Goexit bool
	// Crash is set when the worker died while running the request.
	Crash *Crash
	// Restart says how the new worker was set up after a Crash.
	Restart *Restart
	// Live is the number of the learner's goroutines left alive.
	Live int
	// ID numbers the request, in the order requests are sent: a later
	// count of the goroutines (Options.OnLive) names it.
	ID uint64
	// Stats measure the request, if it asked.
	Stats *wire.Stats

	goroutines []wire.Goroutine // the answer to KindGoroutines
}

// Restart says how a new worker was set up.
type Restart struct {
	// Replayed is the number of declarations evaluated again.
	Replayed int
	// Failed are the declarations that failed to replay; they were dropped.
	Failed []ReplayFailure
	// Fresh is set when the new worker starts with an empty session, and
	// Reason says why.
	Fresh  bool
	Reason string
	// Err is set when no new worker could be started.
	Err error
}

// ReplayFailure is a declaration that failed in a new worker.
type ReplayFailure struct {
	Src string
	Err string
}

// restartMode says what a restart keeps.
type restartMode int

const (
	keepSession  restartMode = iota // replay the declarations
	freshSession                    // forget them
)

// generation is one worker, from its start to its death.
type generation struct {
	proc    *process // nil if err
	err     error
	restart *Restart      // how it was set up; nil for the first
	ready   chan struct{} // closed when proc or err is set

	// Guarded by Session.mu.
	busy bool // a request is running on it
	used bool // a request ran on it
}

// Session is a worker process that survives its crashes: a REPL session.
// Requests run one at a time.
type Session struct {
	opts Options

	evalMu sync.Mutex // one request (or restart) at a time

	mu      sync.Mutex
	gen     *generation
	genNew  chan struct{} // closed and replaced when gen changes
	log     []Chunk       // the declarations to replay, in order
	nextID  uint64
	closing chan struct{}

	interrupts chan uint64   // each interrupt holds the number of the request it is for
	evals      atomic.Uint64 // the number of the current (or next) request
	restarts   chan restartMode
	monitored  chan struct{} // closed when the monitor has returned
}

// New starts a session: the first worker starts in the background.
func New(o Options) *Session {
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Stderr == nil {
		o.Stderr = io.Discard
	}
	o.oneStream = o.Stdout == o.Stderr || sameFile(o.Stdout, o.Stderr)
	s := &Session{
		opts:       o,
		genNew:     make(chan struct{}),
		closing:    make(chan struct{}),
		interrupts: make(chan uint64, 1),
		restarts:   make(chan restartMode),
		monitored:  make(chan struct{}),
	}
	go s.monitor()
	return s
}

// Close ends the worker and waits until every process and goroutine of
// the session is gone.
func (s *Session) Close() error {
	s.mu.Lock()
	select {
	case <-s.closing:
	default:
		close(s.closing)
	}
	s.mu.Unlock()
	<-s.monitored
	return nil
}

// Interrupt asks the running request to stop: the cell's code is cancelled
// (it and the goroutines it started stop at their next step). A second
// Interrupt while the same request still runs kills the worker, which is
// then restarted with the session's declarations. Between requests it
// stops the next one, which is what a learner who presses Ctrl-C right
// after Enter means; an interrupt that comes too late for its request is
// dropped.
func (s *Session) Interrupt() {
	seq := s.evals.Load()
	for {
		select {
		case s.interrupts <- seq:
			return
		default:
		}
		select { // a stale interrupt is in the way: replace it
		case <-s.interrupts:
		default:
		}
	}
}

// PID returns the worker's process ID, once it is ready.
func (s *Session) PID(ctx context.Context) (int, error) {
	g, err := s.current(ctx)
	if err != nil {
		return 0, err
	}
	return g.proc.pid, nil
}

// Declarations returns the source of the declarations a restart replays.
func (s *Session) Declarations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	srcs := make([]string, len(s.log))
	for i, c := range s.log {
		srcs[i] = c.Src
	}
	return srcs
}

// Restart kills the worker and starts a new one; with fresh set it forgets
// the session's declarations, otherwise it replays them.
func (s *Session) Restart(ctx context.Context, fresh bool) (*Restart, error) {
	s.evalMu.Lock()
	defer s.evalMu.Unlock()
	mode := keepSession
	if fresh {
		mode = freshSession
	}
	s.mu.Lock()
	old := s.gen
	s.mu.Unlock()
	select {
	case s.restarts <- mode:
	case <-s.closing:
		return nil, errClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	g, err := s.after(ctx, old)
	if err != nil {
		return nil, err
	}
	return g.restart, g.err
}

var errClosed = errors.New("the playground session is closed")

// current returns the current worker, waiting until it is ready.
func (s *Session) current(ctx context.Context) (*generation, error) {
	return s.after(ctx, nil)
}

// after waits for a ready, live generation other than old.
func (s *Session) after(ctx context.Context, old *generation) (*generation, error) {
	for {
		s.mu.Lock()
		g, changed := s.gen, s.genNew
		s.mu.Unlock()
		if g != nil && g != old {
			select {
			case <-g.ready:
				if g.err != nil {
					return nil, g.err
				}
				if g.proc.alive() {
					return g, nil
				}
				old = g // it died already: wait for the next one
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-s.closing:
				return nil, errClosed
			}
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-s.closing:
			return nil, errClosed
		}
	}
}

func (s *Session) newID() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	return s.nextID
}
