package check

import (
	"context"
	"errors"
	"sync"

	"github.com/nats-io/nats.go/jetstream"
)

// ErrDied is what every call of a spied bucket returns once the check has
// killed the worker: a worker that died reaches nothing any more.
var ErrDied = errors.New("check: the worker died here (the check simulates a crash: nothing more reaches the server)")

// kvSpy is the bucket handed to the learner: the real one, whose calls the
// check counts, can hold after a read, and fails once the worker has died.
type kvSpy struct {
	jetstream.KeyValue

	mu        sync.Mutex
	reads     int    // Gets that reached the server
	writes    int    // writes the server accepted
	dead      bool   // the worker has died: every call fails
	dieAfter  int    // > 0: the worker dies once this many writes have succeeded
	afterRead func() // called after each Get that succeeded, outside the lock
}

func newSpy(kv jetstream.KeyValue) *kvSpy { return &kvSpy{KeyValue: kv} }

// die kills the worker: from now on every call fails with ErrDied.
func (s *kvSpy) die() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dead = true
}

func (s *kvSpy) counts() (reads, writes int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reads, s.writes
}

// alive reports whether the worker is still alive, and so may call.
func (s *kvSpy) alive() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.dead
}

func (s *kvSpy) read(get func() (jetstream.KeyValueEntry, error)) (jetstream.KeyValueEntry, error) {
	if !s.alive() {
		return nil, ErrDied
	}
	e, err := get()
	s.mu.Lock()
	if err == nil || errors.Is(err, jetstream.ErrKeyNotFound) {
		s.reads++
	}
	after := s.afterRead
	s.mu.Unlock()
	if err == nil && after != nil {
		after()
	}
	return e, err
}

func (s *kvSpy) write(do func() (uint64, error)) (uint64, error) {
	if !s.alive() {
		return 0, ErrDied
	}
	rev, err := do()
	if err == nil {
		s.mu.Lock()
		s.writes++
		if s.dieAfter > 0 && s.writes >= s.dieAfter {
			s.dead = true
		}
		s.mu.Unlock()
	}
	return rev, err
}

// Get is the bucket's Get, seen by the check.
func (s *kvSpy) Get(ctx context.Context, key string) (jetstream.KeyValueEntry, error) {
	return s.read(func() (jetstream.KeyValueEntry, error) { return s.KeyValue.Get(ctx, key) })
}

// GetRevision is the bucket's GetRevision, seen by the check.
func (s *kvSpy) GetRevision(ctx context.Context, key string, revision uint64) (jetstream.KeyValueEntry, error) {
	return s.read(func() (jetstream.KeyValueEntry, error) { return s.KeyValue.GetRevision(ctx, key, revision) })
}

// Put is the bucket's Put, seen by the check.
func (s *kvSpy) Put(ctx context.Context, key string, value []byte) (uint64, error) {
	return s.write(func() (uint64, error) { return s.KeyValue.Put(ctx, key, value) })
}

// PutString is the bucket's PutString, seen by the check.
func (s *kvSpy) PutString(ctx context.Context, key string, value string) (uint64, error) {
	return s.write(func() (uint64, error) { return s.KeyValue.PutString(ctx, key, value) })
}

// Create is the bucket's Create, seen by the check.
func (s *kvSpy) Create(ctx context.Context, key string, value []byte, opts ...jetstream.KVCreateOpt) (uint64, error) {
	return s.write(func() (uint64, error) { return s.KeyValue.Create(ctx, key, value, opts...) })
}

// Update is the bucket's Update, seen by the check.
func (s *kvSpy) Update(ctx context.Context, key string, value []byte, revision uint64) (uint64, error) {
	return s.write(func() (uint64, error) { return s.KeyValue.Update(ctx, key, value, revision) })
}

// Delete is the bucket's Delete, seen by the check.
func (s *kvSpy) Delete(ctx context.Context, key string, opts ...jetstream.KVDeleteOpt) error {
	_, err := s.write(func() (uint64, error) { return 0, s.KeyValue.Delete(ctx, key, opts...) })
	return err
}

// Purge is the bucket's Purge, seen by the check.
func (s *kvSpy) Purge(ctx context.Context, key string, opts ...jetstream.KVDeleteOpt) error {
	_, err := s.write(func() (uint64, error) { return 0, s.KeyValue.Purge(ctx, key, opts...) })
	return err
}
