package processes

import "sync"

// inbox is the dispatcher's mail. Senders never wait for the dispatcher:
// an event is queued under a lock and a value in wake says there is news,
// so that the dispatcher takes a burst of tasks and results in one go.
// Once closed (the dispatcher has finished), put refuses.
type inbox struct {
	mu     sync.Mutex
	events []poolEvent
	closed bool
	wake   chan struct{} // has a value when events are waiting
}

func newInbox() inbox { return inbox{wake: make(chan struct{}, 1)} }

// put queues ev; false if the dispatcher has finished.
func (b *inbox) put(ev poolEvent) bool {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return false
	}
	b.events = append(b.events, ev)
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
	return true
}

// take swaps the waiting events for spare, an emptied slice to reuse.
func (b *inbox) take(spare []poolEvent) []poolEvent {
	b.mu.Lock()
	got := b.events
	b.events = spare[:0]
	b.mu.Unlock()
	return got
}

// close refuses every later put and returns the events still waiting.
func (b *inbox) close() []poolEvent {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	rest := b.events
	b.events = nil
	return rest
}
