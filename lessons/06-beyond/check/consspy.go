package check

import (
	"context"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// What the learner's code did with a message, as the spies saw it.
const (
	evDelivered  = "delivered"
	evRun        = "run"
	evRunOK      = "ran"
	evRunFailed  = "run failed"
	evAck        = "Ack"
	evNak        = "Nak"
	evInProgress = "InProgress"
	evTerm       = "Term"
	evNakLate    = "NakWithDelay (late)" // beside evNak: a delay longer than maxNakDelay
	evReturned   = "Work returned"       // recorded under every message
)

// event is one thing done with delivery n of a message.
type event struct {
	n    uint64
	what string
}

// msgLog records what the learner's Work did with each message, by its
// data, and says when anything happens.
type msgLog struct {
	mu      sync.Mutex
	events  map[string][]event
	changed chan struct{} // a token when something was recorded
}

func newMsgLog() *msgLog {
	return &msgLog{events: map[string][]event{}, changed: make(chan struct{}, 1)}
}

func (l *msgLog) add(data string, n uint64, what string) {
	l.mu.Lock()
	l.events[data] = append(l.events[data], event{n, what})
	l.mu.Unlock()
	select {
	case l.changed <- struct{}{}:
	default:
	}
}

// count says how many times what was done with delivery n of data (n 0:
// with any delivery).
func (l *msgLog) count(data string, n uint64, what string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := 0
	for _, e := range l.events[data] {
		if e.what == what && (n == 0 || e.n == n) {
			k++
		}
	}
	return k
}

// maxNakDelay is the longest NakWithDelay that still gives a message back
// "at once".
const maxNakDelay = 100 * time.Millisecond

// after reports whether a was done with delivery n of data after its
// first b.
func (l *msgLog) after(data string, n uint64, a, b string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	seen := false
	for _, e := range l.events[data] {
		if e.n != n {
			continue
		}
		if e.what == b {
			seen = true
		}
		if seen && e.what == a {
			return true
		}
	}
	return false
}

// before reports whether a was done with delivery n of data before the
// first b.
func (l *msgLog) before(data string, n uint64, a, b string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.events[data] {
		if e.what == b && (e.n == n || b == evReturned) {
			return false
		}
		if e.what == a && e.n == n {
			return true
		}
	}
	return false
}

// deliveries is the highest delivery number of data the learner got.
func (l *msgLog) deliveries(data string) uint64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	var n uint64
	for _, e := range l.events[data] {
		if e.what == evDelivered {
			n = max(n, e.n)
		}
	}
	return n
}

// await waits until cond holds, stop or halt is closed, or bound has
// passed, and reports whether cond holds. It wakes when something is
// recorded.
func (l *msgLog) await(cond func() bool, stop, halt <-chan struct{}, bound time.Duration) bool {
	deadline := time.NewTimer(bound)
	defer deadline.Stop()
	for !cond() {
		select {
		case <-l.changed:
		case <-stop:
			return cond()
		case <-halt:
			return cond()
		case <-deadline.C:
			return cond()
		}
	}
	return true
}

// consSpy is the consumer handed to the learner: the real one, whose
// messages tell the log what is done with them.
type consSpy struct {
	jetstream.Consumer
	log  *msgLog
	done <-chan struct{} // closed when the check is over
	wg   *sync.WaitGroup // the forwarders of fetched batches
}

func (s *consSpy) wrap(m jetstream.Msg) jetstream.Msg {
	var n uint64
	if md, err := m.Metadata(); err == nil {
		n = md.NumDelivered
	}
	w := &msgSpy{Msg: m, log: s.log, n: n}
	s.log.add(string(m.Data()), n, evDelivered)
	return w
}

// Fetch is the consumer's Fetch, its messages seen by the check.
func (s *consSpy) Fetch(batch int, opts ...jetstream.FetchOpt) (jetstream.MessageBatch, error) {
	b, err := s.Consumer.Fetch(batch, opts...)
	return s.batch(b, err)
}

// FetchBytes is the consumer's FetchBytes, its messages seen by the check.
func (s *consSpy) FetchBytes(maxBytes int, opts ...jetstream.FetchOpt) (jetstream.MessageBatch, error) {
	b, err := s.Consumer.FetchBytes(maxBytes, opts...)
	return s.batch(b, err)
}

// FetchNoWait is the consumer's FetchNoWait, its messages seen by the check.
func (s *consSpy) FetchNoWait(batch int) (jetstream.MessageBatch, error) {
	b, err := s.Consumer.FetchNoWait(batch)
	return s.batch(b, err)
}

// Next is the consumer's Next, its message seen by the check.
func (s *consSpy) Next(opts ...jetstream.FetchOpt) (jetstream.Msg, error) {
	m, err := s.Consumer.Next(opts...)
	if err != nil {
		return nil, err
	}
	return s.wrap(m), nil
}

// Consume is the consumer's Consume, its messages seen by the check.
func (s *consSpy) Consume(handler jetstream.MessageHandler, opts ...jetstream.PullConsumeOpt) (jetstream.ConsumeContext, error) {
	return s.Consumer.Consume(func(m jetstream.Msg) { handler(s.wrap(m)) }, opts...)
}

// Messages is the consumer's Messages, its messages seen by the check.
func (s *consSpy) Messages(opts ...jetstream.PullMessagesOpt) (jetstream.MessagesContext, error) {
	it, err := s.Consumer.Messages(opts...)
	if err != nil {
		return nil, err
	}
	return &iterSpy{MessagesContext: it, spy: s}, nil
}

func (s *consSpy) batch(b jetstream.MessageBatch, err error) (jetstream.MessageBatch, error) {
	if err != nil {
		return b, err
	}
	out := make(chan jetstream.Msg)
	s.wg.Go(func() {
		defer close(out)
		in := b.Messages()
		for {
			select {
			case m, ok := <-in:
				if !ok {
					return
				}
				select {
				case out <- s.wrap(m):
				case <-s.done:
					return
				}
			case <-s.done:
				return
			}
		}
	})
	return &batchSpy{MessageBatch: b, out: out}, nil
}

// batchSpy is a fetched batch whose messages the check sees.
type batchSpy struct {
	jetstream.MessageBatch
	out chan jetstream.Msg
}

// Messages is the batch's messages, seen by the check.
func (b *batchSpy) Messages() <-chan jetstream.Msg { return b.out }

// iterSpy is a message iterator whose messages the check sees.
type iterSpy struct {
	jetstream.MessagesContext
	spy *consSpy
}

// Next is the iterator's Next, its message seen by the check.
func (it *iterSpy) Next(opts ...jetstream.NextOpt) (jetstream.Msg, error) {
	m, err := it.MessagesContext.Next(opts...)
	if err != nil {
		return nil, err
	}
	return it.spy.wrap(m), nil
}

// msgSpy is a message that tells the log what is done with it.
type msgSpy struct {
	jetstream.Msg
	log *msgLog
	n   uint64
}

func (m *msgSpy) note(what string) { m.log.add(string(m.Data()), m.n, what) }

// Ack is the message's Ack, seen by the check.
func (m *msgSpy) Ack() error { m.note(evAck); return m.Msg.Ack() }

// DoubleAck is the message's DoubleAck, seen by the check.
func (m *msgSpy) DoubleAck(ctx context.Context) error { m.note(evAck); return m.Msg.DoubleAck(ctx) }

// Nak is the message's Nak, seen by the check.
func (m *msgSpy) Nak() error { m.note(evNak); return m.Msg.Nak() }

// NakWithDelay is the message's NakWithDelay, seen by the check.
func (m *msgSpy) NakWithDelay(delay time.Duration) error {
	m.note(evNak)
	if delay > maxNakDelay {
		m.note(evNakLate)
	}
	return m.Msg.NakWithDelay(delay)
}

// InProgress is the message's InProgress, seen by the check.
func (m *msgSpy) InProgress() error { m.note(evInProgress); return m.Msg.InProgress() }

// Term is the message's Term, seen by the check.
func (m *msgSpy) Term() error { m.note(evTerm); return m.Msg.Term() }

// TermWithReason is the message's TermWithReason, seen by the check.
func (m *msgSpy) TermWithReason(reason string) error {
	m.note(evTerm)
	return m.Msg.TermWithReason(reason)
}
