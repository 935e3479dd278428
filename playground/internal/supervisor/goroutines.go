package supervisor

import (
	"context"
	"fmt"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// Goroutines returns the learner's live goroutines in the worker (see
// wire.Goroutine), between requests, and the ID of the request that
// listed them (see Result.ID).
func (s *Session) Goroutines(ctx context.Context) ([]wire.Goroutine, uint64, error) {
	s.evalMu.Lock()
	defer s.evalMu.Unlock()
	g, err := s.current(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("list goroutines: %w", err)
	}
	id := s.newID()
	if err := g.proc.send.Send(wire.Message{Kind: wire.KindGoroutines, ID: id}); err != nil {
		return nil, 0, fmt.Errorf("list goroutines: %w", err)
	}
	res := s.await(ctx, g.proc, id, interruptsFor{})
	if res.Crash != nil {
		return nil, 0, fmt.Errorf("list goroutines: the worker died: %s", res.Crash.What())
	}
	return res.goroutines, id, nil
}
