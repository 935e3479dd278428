package supervisor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"github.com/gophertutor/concurrency/internal/reexec"
	"github.com/gophertutor/concurrency/playground/internal/wire"
	"github.com/gophertutor/concurrency/playground/internal/worker"
)

// outputPatience is how long a dead worker's output pipes may stay open,
// held by a process it started that outlived the process-group kill.
const outputPatience = 500 * time.Millisecond

// process is one worker process and the goroutines that serve it: the
// control reader, the two output forwarders and the waiter.
type process struct {
	cmd      *exec.Cmd
	pid      int
	nonce    string
	requests *os.File
	send     *wire.Writer
	stdout   *forwarder
	stderr   *forwarder

	msgs   chan wire.Message // Done and Frame messages, in order
	exited chan struct{}     // closed when the worker is gone and reaped
	onLive func(id uint64, live int)

	mu       sync.Mutex
	frames   map[int64][]wire.Frame // panic frames, by goroutine
	order    []int64                // the goroutines in frames, oldest first
	blocked  []wire.Goroutine       // the goroutines of a deadlock
	state    *os.ProcessState
	crashOut []byte // what the runtime printed as it crashed
	exec     string // the program syscall.Exec replaced the worker with
}

// startProcess starts a worker and waits for it to be ready.
func startProcess(ctx context.Context, o *Options) (_ *process, err error) {
	var files []*os.File // everything to close if the start fails
	defer func() {
		if err != nil {
			for _, f := range files {
				f.Close()
			}
		}
	}()
	pipe := func() (r, w *os.File, err error) {
		r, w, err = os.Pipe()
		if err != nil {
			return nil, nil, fmt.Errorf("start the worker: %w", err)
		}
		files = append(files, r, w)
		return r, w, nil
	}
	outR, outW, err := pipe()
	if err != nil {
		return nil, err
	}
	errR, errW := outR, outW // one pipe, if the output goes to one file
	if !o.oneStream {
		if errR, errW, err = pipe(); err != nil {
			return nil, err
		}
	}

	exe := o.Executable
	if exe == "" {
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("start the worker: find this program's executable: %w", err)
		}
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), worker.Env+"=1", worker.ArgsEnv+"="+worker.JoinArgs(o.Args))
	cmd.Stdin, cmd.Stdout, cmd.Stderr = o.Stdin, outW, errW
	cmd.SysProcAttr = sysProcAttr()
	// The worker reads requests from its fd 3 and writes answers to its fd 4.
	ends, err := reexec.Start(cmd, reexec.ToChild, reexec.FromChild)
	if err != nil {
		return nil, fmt.Errorf("start the worker %s: %w", exe, err)
	}
	reqW, ansR := ends[0], ends[1]
	files = append(files, reqW, ansR)
	// The worker has its own copies of its ends of the output pipes.
	outW.Close()
	errW.Close() // twice for one pipe: the second fails, harmlessly
	p := &process{cmd: cmd, pid: cmd.Process.Pid, requests: reqW, send: wire.NewWriter(reqW),
		msgs: make(chan wire.Message, 64), exited: make(chan struct{}), frames: map[int64][]wire.Frame{}, onLive: o.OnLive}

	answers := wire.NewReader(ansR)
	ready, err := readReady(ctx, answers, ansR)
	if err != nil {
		p.kill()
		_ = cmd.Wait()
		outR.Close()
		errR.Close() // (again, for one pipe)
		reqW.Close()
		return nil, err
	}
	p.nonce = ready.Nonce
	if o.oneStream {
		// Standard error is in it: so is the crash report.
		p.stdout = newForwarder(outR, p.nonce, o.Stdout, true)
		p.stderr = p.stdout
	} else {
		p.stdout = newForwarder(outR, p.nonce, o.Stdout, false)
		p.stderr = newForwarder(errR, p.nonce, o.Stderr, true)
	}
	ctl := make(chan struct{})
	go p.readAnswers(answers, ansR, ctl)
	go p.wait(ctl)
	return p, nil
}

// readReady waits for the worker's greeting.
func readReady(ctx context.Context, answers *wire.Reader, f *os.File) (*wire.Ready, error) {
	if d, ok := ctx.Deadline(); ok {
		_ = f.SetReadDeadline(d)
		defer f.SetReadDeadline(time.Time{})
	}
	m, err := answers.Next()
	switch {
	case err != nil && errors.Is(err, io.EOF):
		return nil, fmt.Errorf("start the worker: it exited before it was ready")
	case err != nil:
		return nil, fmt.Errorf("start the worker: %w", err)
	case m.Kind != wire.KindReady || m.Ready == nil:
		return nil, fmt.Errorf("start the worker: it said %q instead of ready", m.Kind)
	}
	return m.Ready, nil
}

// readAnswers passes the worker's messages on until its pipe closes.
func (p *process) readAnswers(answers *wire.Reader, f *os.File, done chan<- struct{}) {
	defer close(done)
	defer f.Close()
	for {
		m, err := answers.Next()
		if err != nil {
			return
		}
		if m.Kind == wire.KindFrame && m.Frame != nil {
			p.addFrame(*m.Frame)
			continue
		}
		if m.Kind == wire.KindLive {
			if m.Done != nil && p.onLive != nil {
				p.onLive(m.ID, m.Done.Live)
			}
			continue
		}
		if m.Kind == wire.KindExec {
			p.mu.Lock()
			p.exec = m.Exec
			p.mu.Unlock()
			continue
		}
		if m.Kind == wire.KindBlocked {
			p.mu.Lock()
			p.blocked = m.Blocked
			p.mu.Unlock()
			continue
		}
		p.msgs <- m
	}
}

// maxPanicking bounds the goroutines whose panic frames are kept: a panic
// that was recovered leaves frames that nobody will ask for.
const maxPanicking = 256

// addFrame keeps a panic frame, for the report if the panic ends the
// worker (possibly while a later request runs).
func (p *process) addFrame(f wire.Frame) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.frames[f.Goroutine]; !ok {
		p.order = append(p.order, f.Goroutine)
		if len(p.order) > maxPanicking {
			delete(p.frames, p.order[0])
			p.order = p.order[1:]
		}
	}
	if len(p.frames[f.Goroutine]) < 100 {
		p.frames[f.Goroutine] = append(p.frames[f.Goroutine], f)
	}
}

// wait reaps the worker, kills what it left in its process group, and
// collects its last output.
func (p *process) wait(ctl <-chan struct{}) {
	state, _ := p.cmd.Process.Wait()
	p.killGroup()
	crash := p.stderr.finish(outputPatience)
	if p.stdout != p.stderr {
		p.stdout.finish(outputPatience)
	}
	p.requests.Close()
	<-ctl
	close(p.msgs)
	p.mu.Lock()
	p.state, p.crashOut = state, crash
	p.mu.Unlock()
	close(p.exited)
}

// kill ends the worker and everything in its process group.
func (p *process) kill() {
	p.killGroup()
	_ = p.cmd.Process.Kill()
}

func (p *process) killGroup() {
	_ = syscall.Kill(-p.pid, syscall.SIGKILL)
}

// close kills the worker and waits until it and its goroutines are gone.
func (p *process) close() {
	p.kill()
	<-p.exited
}

// alive reports whether the worker has not exited yet.
func (p *process) alive() bool {
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// crash describes how the worker ended. Call it after exited is closed.
func (p *process) crash() *Crash {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := parseCrash(p.state, p.crashOut)
	c.Frames = p.frames[c.Goroutine]
	if p.exec != "" {
		// Another program's stderr, held back because it looked like a
		// crash report: it is that program's own output.
		c.Exec, c.Report, c.Frames, c.Held = p.exec, "", nil, p.crashOut
	}
	if c.Deadlock() {
		c.Blocked = p.blocked
	}
	return c
}
