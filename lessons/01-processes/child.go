package processes

import (
	"context"
	"fmt"
	"os"
	"sync"
	"syscall"
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
	// monitor (sysmon) would take that P back after 20 µs and keep waking
	// every 20 µs for a millisecond more: once per task, a burst of
	// wake-ups that take turns on the CPUs from the tasks (see
	// BenchmarkPoolCPUBound and the lesson's README, §9).
	_ = syscall.SetNonblock(3, true)
	_ = syscall.SetNonblock(4, true)
	os.Unsetenv(envRole)
	os.Unsetenv(envName)

	c := &childSide{
		conn:    newConn(os.NewFile(4, "from-parent"), os.NewFile(3, "to-parent")),
		runs:    make(chan task, 64),
		cancels: map[uint64]context.CancelFunc{},
		replies: map[uint64]chan *message{},
	}
	parent = c
	go c.readLoop()

	if role == "process" {
		return c.run(<-c.runs)
	}
	if err := c.conn.send(&message{Kind: kindReady}, nil); err != nil {
		return 0 // the parent is gone already
	}
	for t := range c.runs { // a pool worker: tasks until the parent closes the pipe
		c.run(t)
	}
	return 0
}

// readLoop takes the parent's messages. End-of-file means the parent is
// gone, or is done with this worker: either way the child exits at once, so
// that it never outlives its parent.
func (c *childSide) readLoop() {
	for {
		m, err := c.conn.recv()
		if err != nil {
			os.Exit(0)
		}
		switch m.Kind {
		case kindRun:
			c.received(m)
		case kindCancel:
			c.mu.Lock()
			if cancel, ok := c.cancels[m.ID]; ok {
				cancel()
			}
			c.mu.Unlock()
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
	c.mu.Unlock()
	t := task{id: m.ID, ctx: ctx}
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
// started with Start: 0 if the function succeeded, 1 if not.
func (c *childSide) run(t task) int {
	defer func() {
		c.mu.Lock()
		c.cancels[t.id]()
		delete(c.cancels, t.id)
		c.mu.Unlock()
	}()
	reply := &message{Kind: kindResult, ID: t.id, Err: t.err}
	var results any
	code := 0
	if t.err == nil {
		var failed bool
		var err error
		results, failed, err = t.runner.run(t.ctx, t.args)
		if err != nil {
			reply.Err = errorWire(err)
		}
		if err != nil || failed {
			code = 1
		}
	} else {
		code = 1
	}
	// Each result goes out at once: one kept in a buffer would be lost if
	// the next task crashed this process.
	if err := c.conn.send(reply, results); err != nil {
		os.Exit(1) // the parent is gone
	}
	return code
}
