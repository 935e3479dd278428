package processes

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"sync"
)

// Event is a flag that a process and its children share: Python's
// multiprocessing.Event. It starts clear; Set sets it and wakes every
// process waiting in Wait, the parent and every child alike; Clear clears
// it. The flag lives in the process that made the event; a child that was
// given it (as an argument, or in an argument's field) reaches that process
// through its pipe, as a Queue does.
type Event struct {
	id    uint64
	owner int
	core  *eventCore // nil where the event is a handle to another process's
}

// NewEvent makes an event, clear.
func NewEvent() *Event {
	core := &eventCore{wake: &wake{ch: make(chan struct{})}}
	core.id = queueIDs.Add(1)
	events.Store(core.id, core)
	return &Event{id: core.id, owner: os.Getpid(), core: core}
}

// Set sets the flag and wakes everyone waiting.
func (e *Event) Set() error { _, err := e.do(context.Background(), opEventSet); return err }

// Clear clears the flag: Wait waits again.
func (e *Event) Clear() error { _, err := e.do(context.Background(), opEventClear); return err }

// IsSet reports whether the flag is set: Python's is_set().
func (e *Event) IsSet() (bool, error) { return e.do(context.Background(), opEventIsSet) }

// Wait waits until the flag is set, and returns nil, or until ctx ends,
// and returns ctx's error: Python's wait(timeout), which returns False on
// a timeout, is Wait with a deadline. A Set wakes every process waiting
// then, even if the flag is cleared again before a waiter gets to look: it
// returns nil (threading.Event's rule; multiprocessing.Event's wait looks
// at the flag again once woken, and returns False if it was cleared).
func (e *Event) Wait(ctx context.Context) error { _, err := e.do(ctx, opEventWait); return err }

// Close frees the event in the process that made it. Its waiters get
// ErrEventClosed, and so does every later use, in any process; closing
// twice is harmless. Only the process that made the event may close it.
func (e *Event) Close() error {
	if e.core == nil {
		return fmt.Errorf("processes: close event %d: only process %d, which made it, may close it", e.id, e.owner)
	}
	_, err := e.do(context.Background(), opEventClose)
	return err
}

func (e *Event) do(ctx context.Context, op queueOp) (bool, error) {
	if e == nil {
		return false, errors.New("processes: event: it is nil: make one with processes.NewEvent")
	}
	if e.core != nil {
		return e.core.do(ctx, op)
	}
	reply, err := relay(ctx, &message{Op: op, Queue: e.id, Owner: e.owner})
	if err != nil {
		return false, err
	}
	return len(reply.Payload) > 0 && reply.Payload[0] == 1, nil
}

// GobEncode sends the event to a child as a handle: its ID and owner.
func (e *Event) GobEncode() ([]byte, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode([2]uint64{e.id, uint64(e.owner)})
	return b.Bytes(), err
}

// GobDecode makes the handle a child uses to reach the event's owner.
func (e *Event) GobDecode(data []byte) error {
	var h [2]uint64
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&h); err != nil {
		return err
	}
	e.id, e.owner, e.core = h[0], int(h[1]), nil
	if e.owner == os.Getpid() {
		e.core = closedEvent
		if core, ok := events.Load(e.id); ok {
			e.core = core.(*eventCore)
		}
	}
	return nil
}

var (
	events      sync.Map // id → *eventCore, the events this process holds
	closedEvent = &eventCore{closed: true, wake: &wake{ch: make(chan struct{})}}
)

// eventCore is an event's flag, in the process that made it.
type eventCore struct {
	id      uint64
	mu      sync.Mutex
	set     bool
	closed  bool
	wake    *wake // the waiters' wake-up: closed, and replaced, by a Set and by Close
	waiting int   // calls of Wait waiting now, in this process or for a child
}

// wake is a wake-up for the waiters of an event, and why it came.
type wake struct {
	ch     chan struct{}
	closed bool // Close, not Set: set before ch is closed
}

func (c *eventCore) do(ctx context.Context, op queueOp) (bool, error) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		if op == opEventClose {
			return false, nil // closing twice is harmless
		}
		return false, ErrEventClosed
	}
	switch op {
	case opEventSet:
		if !c.set {
			c.set = true
			c.notify(false) // wakes every waiter, even if Clear comes next
		}
		c.mu.Unlock()
		return true, nil
	case opEventClear:
		c.set = false
		c.mu.Unlock()
		return false, nil
	case opEventIsSet:
		set := c.set
		c.mu.Unlock()
		return set, nil
	case opEventClose:
		c.closed = true
		c.notify(true)
		c.mu.Unlock()
		events.Delete(c.id)
		return false, nil
	case opEventWait:
		if c.set {
			c.mu.Unlock()
			return true, nil
		}
		w := c.wake
		c.waiting++
		c.mu.Unlock()
		select {
		case <-w.ch:
			// A Set wakes this waiter even if the flag was cleared again
			// since, as threading.Event's does.
			c.mu.Lock()
			c.waiting--
			c.mu.Unlock()
			if w.closed {
				return false, ErrEventClosed
			}
			return true, nil
		case <-ctx.Done():
			c.mu.Lock()
			c.waiting--
			c.mu.Unlock()
			return false, opErr("event wait", ctx.Err())
		}
	default:
		c.mu.Unlock()
		return false, fmt.Errorf("processes: unknown event operation %d", op)
	}
}

// notify wakes everyone waiting, for a Close or a Set; c.mu is held.
func (c *eventCore) notify(closed bool) {
	c.wake.closed = closed
	close(c.wake.ch)
	c.wake = &wake{ch: make(chan struct{})}
}

// serveEventOp does a child's event request here, in the event's owner.
func serveEventOp(ctx context.Context, m *message) *message {
	core := closedEvent // made here and closed, or never made here
	if v, ok := events.Load(m.Queue); ok {
		core = v.(*eventCore)
	}
	set, err := core.do(ctx, m.Op)
	reply := &message{}
	if set {
		reply.Payload = []byte{1}
	}
	if err != nil {
		reply.Err = errorWire(err)
		if errors.Is(err, ErrEventClosed) {
			reply.Err.Code = "event-closed"
		}
	}
	return reply
}
