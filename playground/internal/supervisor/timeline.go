package supervisor

import (
	"context"
	"fmt"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// Timeline asks the worker for the timeline of the last cell it ran: its
// goroutines, sampled while they ran. The worker stops sampling. A worker
// that has run no cell yet (also a new one, after a crash) answers with
// an empty Timeline.
func (s *Session) Timeline(ctx context.Context) (*wire.Timeline, error) {
	s.evalMu.Lock()
	defer s.evalMu.Unlock()
	g, err := s.current(ctx)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	p := g.proc
	id := s.newID()
	if err := p.send.Send(wire.Message{Kind: wire.KindTimeline, ID: id}); err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	msgs := p.msgs
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				msgs = nil // the worker is gone: wait for exited
				continue
			}
			if m.Kind == wire.KindTimeline && m.ID == id && m.Timeline != nil {
				return m.Timeline, nil
			}
		case <-p.exited:
			return nil, fmt.Errorf("timeline: the worker died: %s", p.crash().What())
		case <-ctx.Done():
			return nil, fmt.Errorf("timeline: %w", ctx.Err())
		}
	}
}
