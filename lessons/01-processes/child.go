package processes

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// RunChildIfRequested is the Go twin of Python's
// `if __name__ == "__main__":`. Go has no fork: a child process is this same
// program started again. Call this as the first line of main, and of
// TestMain in test binaries that start children. In a child it runs the
// registered function it was started for (or, in a pool worker, the tasks
// it is sent) and exits; in the program the user started, it returns at
// once and Start, NewPool and Map may be used from then on.
func RunChildIfRequested() {
	role := os.Getenv(envRole)
	if role == "" {
		startedUp.Store(true)
		return
	}

	os.Exit(runChild(role))
}

// childSide is a child's end of its pipes to the parent.
type childSide struct {
	conn *conn
	runs chan task // tasks, in the order they arrived

	mu      sync.Mutex
	cancels map[uint64]context.CancelFunc // the context of each task received
	queued  map[uint64]bool               // tasks received and not yet started
	revoked map[uint64]bool               // queued tasks the parent took back
	replies map[uint64]chan *message      // queue requests waiting for their answer
	nextReq uint64
}

// task is a function to run, its chunk of arguments, and the context that
// a cancel message cancels.
type task struct {
	id     uint64
	runner runner
	args   any
	err    *wireError // set instead of runner when the task cannot run
	ctx    context.Context
	init   bool // the pool's initializer, run before any task
}

// parent is set in a child: the connection its queues talk through.
var parent *childSide

func runChild(role string) int {
	startedUp.Store(true) // a child may start children of its own
	current = Identity{Name: os.Getenv(envName), PID: os.Getpid()}
	// Our pipes must not leak into programs this child starts: one that
	// held them open would hide this child's exit from the parent.
	syscall.CloseOnExec(3)
	syscall.CloseOnExec(4)
	// The parent's os/exec handed the pipes over in blocking mode. In
	// non-blocking mode a read that waits parks its goroutine in Go's
	// network poller instead of holding a thread, and its P, in a system
	// call. With the worker's other P busy with a task, the runtime's
	// monitor (sysmon) would take that P back after one 20 µs tick and go
	// on waking every 20 µs for a millisecond more: once per task, a burst
	// of wake-ups that take turns on the CPUs from the tasks (see
	// BenchmarkPoolCPUBound and the lesson's README, §9).
	_ = syscall.SetNonblock(3, true)
	_ = syscall.SetNonblock(4, true)
	parentPID, _ := strconv.Atoi(os.Getenv(envParent))
	hasInit := os.Getenv(envInit) != ""
	memLimit := os.Getenv(envMemLimit)
	for _, name := range []string{envRole, envName, envParent, envInit, envMemLimit} {
		os.Unsetenv(name)
	}
	if memLimit != "" {
		// Before anything runs: a function must not get memory first and
		// the limit afterwards.
		if err := applyMemoryLimit(memLimit); err != nil {
			fmt.Fprintf(os.Stderr, "processes: %s could not set its memory limit, so it runs nothing: %v\n", current.Name, err)
			return 1
		}
	}

	c := &childSide{
		conn:    newConn(os.NewFile(4, "from-parent"), os.NewFile(3, "to-parent")),
		runs:    make(chan task, 64),
		cancels: map[uint64]context.CancelFunc{},
		queued:  map[uint64]bool{},
		revoked: map[uint64]bool{},
		replies: map[uint64]chan *message{},
	}
	parent = c
	go c.readLoop()
	go watchParent(parentPID)

	if role == "process" {
		return c.run(<-c.runs)
	}
	if hasInit {
		if t := <-c.runs; c.run(t) != 0 {
			return 3 // it reported the failure instead of ready: run nothing
		}
	} else if err := c.conn.send(&message{Kind: kindReady}, nil); err != nil {
		return 0 // the parent is gone already
	}
	for t := range c.runs { // a pool worker: tasks until the parent closes the pipe
		c.run(t)
	}
	return 0
}

// watchParent ends this child when its parent has gone, even if the pipe
// from the parent, the usual sign, never closes (the function closed or
// passed on its descriptors): when a process dies, its children are given
// to another parent, so the parent's process ID changes.
func watchParent(pid int) {
	if pid == 0 {
		return
	}
	tick := time.NewTicker(parentCheck)
	defer tick.Stop()
	for range tick.C {
		if os.Getppid() != pid {
			os.Exit(1)
		}
	}
}

// parentCheck is how often a child makes sure its parent is alive.
const parentCheck = 100 * time.Millisecond

// readLoop takes the parent's messages. End-of-file means the parent is
// gone, or is done with this worker: either way the child exits at once, so
// that it never outlives its parent. If the function closed the pipe
// itself, the child can hear nothing more: it finishes what it runs, and
// the parent, which can no longer write to it, replaces it.
func (c *childSide) readLoop() {
	for {
		m, err := c.conn.recv()
		switch {
		case errors.Is(err, os.ErrClosed) || errors.Is(err, syscall.EBADF):
			return
		case err != nil:
			os.Exit(0)
		}
		switch m.Kind {
		case kindRun, kindInit:
			c.received(m)
		case kindCancel:
			c.mu.Lock()
			if cancel, ok := c.cancels[m.ID]; ok {
				cancel()
			}
			c.mu.Unlock()
		case kindRevoke:
			// Answered at once, not when the task's turn comes: the point is
			// to hand it to a worker that is free now.
			c.mu.Lock()
			revoke := c.queued[m.ID]
			if revoke {
				c.revoked[m.ID] = true
				delete(c.queued, m.ID)
			}
			c.mu.Unlock()
			if revoke {
				reply := &message{Kind: kindResult, ID: m.ID, Err: &wireError{Code: codeRevoked, Message: "taken back before it started"}}
				if err := c.conn.send(reply, nil); err != nil {
					os.Exit(1) // the parent is gone
				}
			}
		case kindQueueReply:
			c.mu.Lock()
			reply, ok := c.replies[m.ID]
			delete(c.replies, m.ID)
			c.mu.Unlock()
			if ok {
				reply <- m
			}
		}
	}
}

// received decodes a task's arguments from the stream and queues it.
func (c *childSide) received(m *message) {
	ctx, cancel := context.WithCancel(context.Background())
	c.mu.Lock()
	c.cancels[m.ID] = cancel
	c.queued[m.ID] = true
	c.mu.Unlock()
	t := task{id: m.ID, ctx: ctx, init: m.Kind == kindInit}
	r, ok := lookup(m.Func)
	var err error
	if !ok {
		if err := c.conn.decodeValue(nil); err != nil { // skip the arguments
			os.Exit(1)
		}
		t.err = &wireError{Message: fmt.Sprintf("function %q is not registered in the child process: "+
			"register it in a package-level variable so that every copy of the program has it", m.Func)}
	} else if t.args, err = r.decodeArgs(c.conn); err != nil {
		// The stream is out of step: nothing more can be read from it.
		_ = c.conn.send(&message{Kind: kindResult, ID: m.ID, Err: errorWire(err)}, nil)
		os.Exit(1)
	}
	t.runner = r
	c.runs <- t // never blocks: the parent sends at most a few tasks ahead
}

// run runs one task and sends its results; its exit code is for a child
// started with Start: 0 if the function succeeded, 1 if not. A task the
// parent took back (see readLoop), or cancelled, before it started does
// not run. A pool's initializer answers with ready, or with
// why it failed.
func (c *childSide) run(t task) int {
	c.mu.Lock()
	revoked := c.revoked[t.id]
	delete(c.revoked, t.id)
	delete(c.queued, t.id)
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		c.cancels[t.id]()
		delete(c.cancels, t.id)
		c.mu.Unlock()
	}()
	if revoked {
		return 1 // the parent was told, and gave it to another worker
	}
	reply := &message{Kind: kindResult, ID: t.id, Err: t.err}
	if t.init {
		reply.Kind = kindReady
	}
	var results any
	failed := t.err != nil
	switch {
	case failed:
	case t.ctx.Err() != nil:
		reply.Err, failed = &wireError{Code: codeNotRun, Context: "canceled", Message: "cancelled before it started"}, true
	default:
		var first *wireError
		results, first = t.runner.run(t.ctx, t.args)
		failed = first != nil
		if t.init && failed {
			reply.Err, results = first, nil
		}
	}
	// Each result goes out at once: one kept in a buffer would be lost if
	// the next task crashed this process.
	if err := c.conn.send(reply, results); err != nil {
		os.Exit(1) // the parent is gone
	}
	if failed {
		return 1
	}
	return 0
}
