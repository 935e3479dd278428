package processes

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gophertutor/concurrency/internal/reexec"
	"github.com/gophertutor/concurrency/lessons/internal/childhook"
)

// The environment that tells a copy of this program it is a child.
const (
	envPrefix   = "PROCESSES_"             // every variable of ours starts so
	envRole     = "PROCESSES_ROLE"         // "process" or "worker"
	envName     = "PROCESSES_NAME"         // the child's name, e.g. Process-1
	envParent   = "PROCESSES_PARENT"       // the parent's process ID, watched by the child
	envInit     = "PROCESSES_INIT"         // set for a worker that runs an initializer first
	envMemLimit = "PROCESSES_MEMORY_LIMIT" // WithMemoryLimit's bytes, applied by the child as it starts
)

// waitDelay bounds how long, after a child has exited, its standard error
// (and standard output, when it is not a file) is still read: a program
// the child started may hold the pipe open for as long as it lives, and
// the child's exit must not wait for it (os/exec's Cmd.WaitDelay).
const waitDelay = 200 * time.Millisecond

// handler is what the owner of a child (a Process, a pool worker) does with
// the child's results. Both run on the child's reader goroutine.
type handler interface {
	// decodeValue reads the value that follows m on the stream.
	decodeValue(m *message, c *conn) (any, error)
	// onMessage takes a message and its value.
	onMessage(m *message, value any)
}

// childProc is the parent's side of one child process: the started command,
// the pipes to it, and the goroutines that serve it. Results go to the
// handler; queue requests are served here.
type childProc struct {
	name     string
	cmd      *exec.Cmd
	conn     *conn
	stderr   *stderrRecorder
	handler  handler
	memLimit int64 // WithMemoryLimit's, or 0

	ctx    context.Context // cancelled once the child's pipe is closed
	cancel context.CancelFunc
	ops    sync.WaitGroup // queue requests being served

	abortsMu sync.Mutex
	aborts   map[uint64]context.CancelFunc

	exited chan struct{} // closed once the child has exited and all is read
	state  *os.ProcessState
	// unreadable is why the parent stopped reading the child's pipe and
	// killed it: it wrote there what is not this package's protocol.
	unreadable error
}

// spawn starts this program's binary again as a child with role and name.
// The child's standard output is ours; its standard error is ours too,
// through a writer that remembers the end of it.
func spawn(role, name string, o options, h handler) (*childProc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("start %s: find this program's executable: %w", name, err)
	}
	cp := &childProc{
		name:     name,
		cmd:      exec.Command(exe),
		stderr:   newStderrRecorder(o.stderr),
		handler:  h,
		memLimit: o.memLimit,
		aborts:   map[uint64]context.CancelFunc{},
		exited:   make(chan struct{}),
	}
	// The options' variables come after this program's, and ours last:
	// where a key repeats, os/exec keeps the last.
	cp.cmd.Env = append(append(os.Environ(), o.env...),
		envRole+"="+role, envName+"="+name, envParent+"="+strconv.Itoa(os.Getpid()))
	if o.init != nil && role == "worker" {
		cp.cmd.Env = append(cp.cmd.Env, envInit+"=1")
	}
	if o.memLimit > 0 {
		cp.cmd.Env = append(cp.cmd.Env, envMemLimit+"="+strconv.FormatInt(o.memLimit, 10))
	}
	if raceBuild {
		cp.cmd.Env = append(cp.cmd.Env, haltOnRace(cp.cmd.Env))
	}
	cp.cmd.Dir = o.dir
	cp.cmd.WaitDelay = waitDelay
	cp.cmd.Stdout, cp.cmd.Stderr = o.stdout, cp.stderr
	childhook.Starting() // for the checks: this process as the child inherits it
	// The child's fd 3 writes to us, its fd 4 reads from us.
	ends, err := reexec.Start(cp.cmd, reexec.FromChild, reexec.ToChild)
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	cp.conn = newConn(ends[0], ends[1])
	cp.ctx, cp.cancel = context.WithCancel(context.Background())

	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		cp.readLoop()
	}()
	go cp.reap(readDone)
	return cp, nil
}

// reap waits for the child to exit and for everything it sent to be
// handled, then closes exited. cmd.Wait reaps the child and finishes
// copying its stderr; it fails without a status only if something else
// reaped the child first, and exitError then reports the status as unknown.
func (cp *childProc) reap(readDone <-chan struct{}) {
	_ = cp.cmd.Wait()
	<-readDone
	cp.ops.Wait()
	cp.conn.closeWrite()
	cp.conn.closeRead()
	cp.state = cp.cmd.ProcessState
	childhook.Reaped(cp.pid()) // for the checks, which may hold the news
	close(cp.exited)
	childhook.Told(cp.pid())
}

// readLoop handles the child's messages until its pipe closes.
func (cp *childProc) readLoop() {
	defer cp.cancel() // stop serving queue requests for a child that is gone
	for {
		m, err := cp.conn.recv()
		if err != nil {
			if !errors.Is(err, io.EOF) && !errors.Is(err, os.ErrClosed) {
				// Not the end of the stream: something in the child wrote to
				// the pipe, or the child died in the middle of a message.
				cp.unreadable = err
				if !errors.Is(err, io.ErrUnexpectedEOF) {
					_ = cp.signal(syscall.SIGKILL)
				}
			}
			return
		}
		switch m.Kind {
		case kindQueue:
			cp.serveQueue(m)
		case kindQueueAbort:
			cp.abortsMu.Lock()
			if cancel, ok := cp.aborts[m.ID]; ok {
				cancel()
			}
			cp.abortsMu.Unlock()
		default:
			var value any
			if m.Value {
				if value, err = cp.handler.decodeValue(m, cp.conn); err != nil {
					// The stream is out of step; the child's results are lost
					// with it. Kill the child: its exit reports the failure.
					// A stream that ends between a message and its value was
					// cut short too (see ExitError.CutShort).
					if errors.Is(err, io.EOF) {
						err = io.ErrUnexpectedEOF
					}
					cp.unreadable = err
					_ = cp.signal(syscall.SIGKILL)
					return
				}
			}
			cp.handler.onMessage(m, value)
		}
	}
}

// serveQueue runs a child's queue request in its own goroutine: a blocking
// Get must not stop the child's results from being read.
func (cp *childProc) serveQueue(m *message) {
	ctx, cancel := context.WithCancel(cp.ctx)
	cp.abortsMu.Lock()
	cp.aborts[m.ID] = cancel
	cp.abortsMu.Unlock()
	cp.ops.Go(func() {
		defer func() {
			cp.abortsMu.Lock()
			delete(cp.aborts, m.ID)
			cp.abortsMu.Unlock()
			cancel()
		}()
		reply := serveQueueOp(ctx, m)
		reply.Kind, reply.ID = kindQueueReply, m.ID
		if err := cp.conn.send(reply, nil); err != nil && m.Op == opGet && reply.Err == nil {
			// The child is gone: the item it took goes back to the front
			// of its queue, for another process, not lost with the child.
			returnItem(m, reply.Payload)
		}
	})
}

func (cp *childProc) pid() int { return cp.cmd.Process.Pid }

// signal sends sig to the child, unless it has exited.
func (cp *childProc) signal(sig syscall.Signal) error {
	err := cp.cmd.Process.Signal(sig)
	if errors.Is(err, os.ErrProcessDone) {
		return nil
	}
	return err
}

// exitError describes how the child ended, once it has exited. If
// something else reaped the child first, its status is unknown: Code -1.
func (cp *childProc) exitError() *ExitError {
	e := &ExitError{Name: cp.name, PID: cp.pid(), Code: -1, Stderr: cp.stderr.String(), MemoryLimit: cp.memLimit, unreadable: cp.unreadable}
	e.oom, e.noThread, e.panicked = cp.stderr.outOfMemory()
	e.raced = cp.stderr.sawRace()
	if cp.state == nil {
		return e
	}
	e.Code = cp.state.ExitCode()
	e.peak = peakMemory(cp.state)
	if ws, ok := cp.state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		e.Signal = ws.Signal()
	}
	return e
}

// exitCode is Python's exitcode: the code, or minus the signal's number
// (-1 if the status is unknown).
func (cp *childProc) exitCode() int {
	e := cp.exitError()
	if e.Signal != 0 {
		return -int(e.Signal)
	}
	return e.Code
}

// haltOnRace is the GORACE setting of a child built with -race: it stops
// at the first data race it finds, with the race detector's exit code (66)
// and its report on standard error. By default a program with a race runs
// on and only changes its exit code when it exits cleanly; a child that
// sent its result before that would hide its race from the parent, and
// from a test run with -race. The options already in env (GORACE of this
// program or of WithEnv) come after, so that one who sets halt_on_error
// there has the last word.
func haltOnRace(env []string) string {
	setting := "halt_on_error=1"
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "GORACE="); ok {
			setting = "halt_on_error=1 " + v
		}
	}
	return "GORACE=" + setting
}
