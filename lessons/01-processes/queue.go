package processes

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sync"
	"sync/atomic"
)

// Queue is a first-in, first-out queue that a process and its children
// share: Python's multiprocessing.Queue. The items live in the process that
// made the queue; a child that was given the queue (as an argument, or in
// an argument's field) puts and gets through its pipe to that process.
// Items cross encoded with encoding/gob, so T must be plain data.
//
// A Queue made in a child works in that child and in its own children.
type Queue[T any] struct {
	id    uint64
	owner int        // the pid of the process holding the items
	core  *queueCore // nil where the queue is a handle to another process's
}

// NewQueue makes an empty queue. capacity bounds it (Put waits, TryPut
// reports ErrFull, when it holds that many items); 0 means no bound. A
// negative capacity panics, as make(chan T, -1) does.
func NewQueue[T any](capacity int) *Queue[T] {
	if capacity < 0 {
		panic(fmt.Sprintf("processes: NewQueue(%d): a capacity cannot be negative; use 0 for a queue with no bound", capacity))
	}
	core := &queueCore{capacity: capacity, changed: make(chan struct{})}
	core.id = queueIDs.Add(1)
	queues.Store(core.id, core)
	return &Queue[T]{id: core.id, owner: os.Getpid(), core: core}
}

// Put adds v at the end of the queue, waiting while a bounded queue is full
// (until ctx ends).
func (q *Queue[T]) Put(ctx context.Context, v T) error { return q.put(ctx, v, true) }

// TryPut adds v without waiting; it returns ErrFull if the queue is full.
func (q *Queue[T]) TryPut(v T) error { return q.put(context.Background(), v, false) }

func (q *Queue[T]) put(ctx context.Context, v T, block bool) error {
	data, err := encodeItem(v)
	if err != nil {
		return opErr("queue put", err)
	}
	if q.core != nil {
		return q.core.put(ctx, data, block)
	}
	_, err = q.remote(ctx, &message{Op: opPut, Payload: data, Block: block})
	return err
}

// encodeItem encodes one item as the queue stores it: a *T, so that an
// interface type (a Queue[any]) keeps the dynamic type it needs to come
// back as the same T.
func encodeItem[T any](v T) ([]byte, error) {
	t := reflect.TypeFor[T]()
	if err := crossable(t, []T{}); err != nil {
		return nil, fmt.Errorf("a %v cannot cross between processes: %w (use plain data, with no funcs, "+
			"channels or unexported fields)", t, err)
	}
	if err := checkValues([]T{v}, shapeOf(t), alone("item")); err != nil {
		return nil, fmt.Errorf("%w (items cross between processes encoded with encoding/gob)", err)
	}
	var b bytes.Buffer
	if err := encodeValue(gob.NewEncoder(&b), &v); err != nil {
		return nil, fmt.Errorf("encode %v: %w", reflect.TypeFor[T](), err)
	}
	return b.Bytes(), nil
}

// Get removes and returns the item at the front, waiting for one while the
// queue is empty (until ctx ends: Python's get(timeout=t) is a ctx with a
// deadline). Once the queue is closed and empty, it returns ErrQueueClosed.
func (q *Queue[T]) Get(ctx context.Context) (T, error) { return q.get(ctx, true) }

// TryGet returns the front item without waiting, or ErrEmpty: Python's
// get_nowait(), which raises queue.Empty.
func (q *Queue[T]) TryGet() (T, error) { return q.get(context.Background(), false) }

func (q *Queue[T]) get(ctx context.Context, block bool) (T, error) {
	var zero T
	var data []byte
	var err error
	if q.core != nil {
		data, err = q.core.get(ctx, block)
	} else {
		var reply *message
		reply, err = q.remote(ctx, &message{Op: opGet, Block: block})
		if err == nil {
			data = reply.Payload
		}
	}
	if err != nil {
		return zero, err
	}
	var v T
	if err := decode(data, &v); err != nil {
		if q.core != nil {
			q.core.unget(data) // not lost: it stays at the front
		}
		return zero, opErr(fmt.Sprintf("queue get: decode %v", reflect.TypeFor[T]()), err)
	}
	return v, nil
}

// Len is the number of items in the queue (Python's qsize): other
// processes may change it at any moment.
func (q *Queue[T]) Len() int {
	if q.core != nil {
		return q.core.len()
	}
	reply, err := q.remote(context.Background(), &message{Op: opLen})
	if err != nil {
		return 0
	}
	var n int
	_ = decode(reply.Payload, &n)
	return n
}

// Close marks the queue finished: Put fails from now on, and Get returns
// the items left, then ErrQueueClosed. A queue that is closed and empty is
// forgotten by its process, which frees it: close queues you are done with.
func (q *Queue[T]) Close() error {
	if q.core != nil {
		q.core.close()
		return nil
	}
	_, err := q.remote(context.Background(), &message{Op: opClose})
	return err
}

// GobEncode sends the queue to a child as a handle: its ID and owner.
func (q *Queue[T]) GobEncode() ([]byte, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode([2]uint64{q.id, uint64(q.owner)})
	return b.Bytes(), err
}

// GobDecode makes the handle a child uses to reach the queue's owner.
func (q *Queue[T]) GobDecode(data []byte) error {
	var h [2]uint64
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&h); err != nil {
		return err
	}
	q.id, q.owner = h[0], int(h[1])
	q.core = nil
	if q.owner == os.Getpid() {
		q.core = closedQueue // closed, drained and forgotten, unless found
		if core, ok := queues.Load(q.id); ok {
			q.core = core.(*queueCore)
		}
	}
	return nil
}

// closedQueue stands for a queue of this process that was closed, drained
// and forgotten.
var closedQueue = &queueCore{closed: true, changed: make(chan struct{})}

// remote sends a queue operation to the owner over this child's pipe.
func (q *Queue[T]) remote(ctx context.Context, m *message) (*message, error) {
	m.Queue, m.Owner = q.id, q.owner
	return relay(ctx, m)
}

// relay sends queue operation m towards the queue's owner: to this child's
// parent, which holds the queue or passes the request on to its own parent.
func relay(ctx context.Context, m *message) (*message, error) {
	if parent == nil {
		return nil, fmt.Errorf("processes: queue %d belongs to process %d: it can be used there and in the processes it starts, "+
			"and their children", m.Queue, m.Owner)
	}
	reply, err := parent.call(ctx, m)
	if err != nil {
		return nil, opErr(fmt.Sprintf("queue: reach process %d", m.Owner), err)
	}
	if reply.Err != nil {
		return reply, reply.Err.queueError(ctx)
	}
	return reply, nil
}

// queueOp is an operation a child asks the queue's owner to do.
type queueOp uint8

const (
	opPut queueOp = iota + 1
	opGet
	opLen
	opClose
	// Event operations (event.go).
	opEventSet
	opEventClear
	opEventIsSet
	opEventWait
	opEventClose
)

var (
	queueIDs atomic.Uint64
	queues   sync.Map // id → *queueCore, the queues this process holds
)

// queueCore holds a queue's items, encoded, in the process that made it.
type queueCore struct {
	id       uint64
	capacity int

	mu      sync.Mutex
	items   [][]byte
	closed  bool
	changed chan struct{} // closed, and replaced, on every change
}

// wait runs try under the lock until it reports done, waiting for changes
// in between, until ctx ends.
func (q *queueCore) wait(ctx context.Context, try func() (done bool)) error {
	for {
		q.mu.Lock()
		if try() {
			q.mu.Unlock()
			return nil
		}
		changed := q.changed
		q.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// notify wakes everyone waiting; q.mu must be held.
func (q *queueCore) notify() {
	close(q.changed)
	q.changed = make(chan struct{})
}

func (q *queueCore) put(ctx context.Context, item []byte, block bool) error {
	var err error
	waitErr := q.wait(ctx, func() bool {
		switch {
		case q.closed:
			err = ErrQueueClosed
		case q.capacity > 0 && len(q.items) >= q.capacity:
			if block {
				return false
			}
			err = ErrFull
		default:
			q.items = append(q.items, item)
			q.notify()
		}
		return true
	})
	if waitErr != nil {
		return opErr("queue put", waitErr)
	}
	return err
}

// get takes the front item.
func (q *queueCore) get(ctx context.Context, block bool) ([]byte, error) {
	var item []byte
	var err error
	waitErr := q.wait(ctx, func() bool {
		switch {
		case len(q.items) > 0:
			item = q.items[0]
			q.items[0] = nil
			q.items = q.items[1:]
			q.notify()
			q.forgetIfDone()
		case q.closed:
			err = ErrQueueClosed
		case block:
			return false
		default:
			err = ErrEmpty
		}
		return true
	})
	if waitErr != nil {
		return nil, opErr("queue get", waitErr)
	}
	return item, err
}

// unget puts an item that could not be decoded back at the front.
func (q *queueCore) unget(item []byte) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.items = append([][]byte{item}, q.items...)
	queues.Store(q.id, q)
	q.notify()
}

// returnItem puts back an item that a child's Get took from a queue of this
// process but could not be sent to it (the child had gone).
func returnItem(m *message, item []byte) {
	if m.Owner != os.Getpid() {
		return // an ancestor's queue: its item is lost with the child, as one a child has received is
	}
	if v, ok := queues.Load(m.Queue); ok {
		v.(*queueCore).unget(item)
	}
}

func (q *queueCore) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

func (q *queueCore) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.closed {
		q.closed = true
		q.notify()
		q.forgetIfDone()
	}
}

// forgetIfDone drops a closed, empty queue from the registry; q.mu is held.
func (q *queueCore) forgetIfDone() {
	if q.closed && len(q.items) == 0 {
		queues.Delete(q.id)
	}
}

// serveQueueOp does a child's request on a queue or an event here, in its
// owner, or passes it on towards the owner: a handle may be handed down
// from child to grandchild.
func serveQueueOp(ctx context.Context, m *message) *message {
	if m.Owner != os.Getpid() {
		if parent == nil {
			return &message{Err: &wireError{Code: "unknown-queue", Message: fmt.Sprintf(
				"processes: queue %d belongs to process %d, which is not this child's parent (%d) nor one of its ancestors",
				m.Queue, m.Owner, os.Getpid())}}
		}
		reply, err := parent.call(ctx, m)
		if err != nil {
			return &message{Err: errorWire(err)}
		}
		return &message{Payload: reply.Payload, Err: reply.Err}
	}
	if m.Op >= opEventSet {
		return serveEventOp(ctx, m)
	}
	v, ok := queues.Load(m.Queue)
	if !ok && m.Queue <= queueIDs.Load() {
		v, ok = closedQueue, true // it was made here, closed and drained
	}
	if !ok {
		return &message{Err: &wireError{Code: "unknown-queue", Message: fmt.Sprintf(
			"queue %d is not held by process %d, the parent of this child: a queue can be used by the process that made it and by its children",
			m.Queue, os.Getpid())}}
	}
	q := v.(*queueCore)
	reply := &message{}
	var err error
	switch m.Op {
	case opPut:
		err = q.put(ctx, m.Payload, m.Block)
	case opGet:
		reply.Payload, err = q.get(ctx, m.Block)
	case opLen:
		reply.Payload, err = encodeItem(q.len())
	case opClose:
		q.close()
	default:
		err = fmt.Errorf("unknown queue operation %d", m.Op)
	}
	if err != nil {
		reply.Err = errorWire(err)
		switch {
		case errors.Is(err, ErrEmpty):
			reply.Err.Code = "empty"
		case errors.Is(err, ErrFull):
			reply.Err.Code = "full"
		case errors.Is(err, ErrQueueClosed):
			reply.Err.Code = "closed"
		}
	}
	return reply
}

// queueError turns the owner's answer back into this package's errors.
func (w *wireError) queueError(ctx context.Context) error {
	switch w.Code {
	case "empty":
		return ErrEmpty
	case "full":
		return ErrFull
	case "closed":
		return ErrQueueClosed
	case "event-closed":
		return ErrEventClosed
	}
	if w.Context != "" && ctx.Err() != nil {
		return opErr("queue", ctx.Err())
	}
	return errors.New(w.Message)
}

// call sends a queue request to the parent and waits for its answer. If
// ctx ends first, it asks the parent to stop, then still takes the answer:
// an item the parent had already taken off the queue is returned, not lost.
func (c *childSide) call(ctx context.Context, m *message) (*message, error) {
	reply := make(chan *message, 1)
	c.mu.Lock()
	c.nextReq++
	m.Kind, m.ID = kindQueue, c.nextReq
	c.replies[m.ID] = reply
	c.mu.Unlock()
	if err := c.conn.send(m, nil); err != nil {
		return nil, err
	}
	select {
	case r := <-reply:
		return r, nil
	case <-ctx.Done():
		_ = c.conn.send(&message{Kind: kindQueueAbort, ID: m.ID}, nil)
		return <-reply, nil
	}
}
