package supervisor

import (
	"context"
	"fmt"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// Eval runs a request in the worker.
func (s *Session) Eval(ctx context.Context, req Request) (Result, error) {
	s.evalMu.Lock()
	defer s.evalMu.Unlock()
	g, err := s.current(ctx)
	if err != nil {
		return Result{}, err
	}
	mine := s.evals.Load()
	defer s.evals.Add(1)
	s.mu.Lock()
	g.busy, g.used = true, true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		g.busy = false
		s.mu.Unlock()
	}()

	res := s.run(ctx, g.proc, s.newID(), req, interruptsFor{s.interrupts, mine})
	if res.Crash != nil {
		next, err := s.after(ctx, g)
		if err != nil {
			res.Restart = &Restart{Err: err}
		} else {
			res.Restart = next.restart
		}
		return res, nil
	}
	s.mu.Lock()
	for _, c := range req.Chunks[:res.Evaluated] {
		if c.Replay {
			s.log = append(s.log, c)
		}
	}
	s.mu.Unlock()
	return res, nil
}

// Ping measures a round trip through the worker.
func (s *Session) Ping(ctx context.Context) (time.Duration, error) {
	s.evalMu.Lock()
	defer s.evalMu.Unlock()
	g, err := s.current(ctx)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	id := s.newID()
	if err := g.proc.send.Send(wire.Message{Kind: wire.KindPing, ID: id}); err != nil {
		return 0, err
	}
	res := s.await(ctx, g.proc, id, interruptsFor{})
	if res.Crash != nil {
		return 0, fmt.Errorf("ping: the worker died: %s", res.Crash.What())
	}
	return time.Since(start), nil
}

// run sends a request and waits for its result.
func (s *Session) run(ctx context.Context, p *process, id uint64, req Request, interrupts interruptsFor) Result {
	chunks := make([]wire.Chunk, len(req.Chunks))
	for i, c := range req.Chunks {
		chunks[i] = wire.Chunk{Src: c.Src, Stmts: c.Stmts}
	}
	// A failed send means the worker is dying: await sees it exit.
	_ = p.send.Send(wire.Message{Kind: wire.KindEval, ID: id, Eval: &wire.Eval{Cell: req.Cell, Chunks: chunks, Types: req.Types, Measure: req.Measure, Main: req.Main}})
	return s.await(ctx, p, id, interrupts)
}

// interruptsFor is where a request takes its interrupts from: those for
// request number seq. A nil channel takes none.
type interruptsFor struct {
	ch  <-chan uint64
	seq uint64
}

// markPatience bounds the wait for the sync marks after an answer; they
// are in the pipes already, so only a stuck forwarder would need it.
const markPatience = 5 * time.Second

// await waits for the answer to request id, or the worker's death.
func (s *Session) await(ctx context.Context, p *process, id uint64, interrupts interruptsFor) Result {
	var (
		interrupted bool
		killed      bool
		slow        <-chan time.Time
		msgs        = p.msgs
	)
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				msgs = nil // the worker is gone: wait for exited
				continue
			}
			if m.Kind != wire.KindDone || m.ID != id || m.Done == nil {
				continue
			}
			mctx, cancel := context.WithTimeout(context.Background(), markPatience)
			_ = p.stdout.waitMark(mctx, id)
			_ = p.stderr.waitMark(mctx, id)
			cancel()
			return Result{ID: id, Evaluated: m.Done.Evaluated, Err: m.Done.Err, Interrupted: m.Done.Interrupted, Goexit: m.Done.Goexit,
				Live: m.Done.Live, Stats: m.Done.Stats, goroutines: m.Done.Goroutines}
		case <-p.exited:
			c := p.crash()
			c.Killed = killed
			return Result{ID: id, Crash: c, Interrupted: interrupted}
		case seq := <-interrupts.ch:
			if seq != interrupts.seq {
				continue // meant for an earlier request
			}
			if interrupted {
				killed = true
				p.kill()
				continue
			}
			interrupted = true
			_ = p.send.Send(wire.Message{Kind: wire.KindInterrupt, ID: id})
			timer := time.NewTimer(SlowInterrupt)
			defer timer.Stop()
			slow = timer.C
		case <-slow:
			slow = nil
			if s.opts.OnSlowInterrupt != nil {
				s.opts.OnSlowInterrupt()
			}
		case <-ctx.Done():
			killed = true
			p.kill()
			ctx = context.Background()
		}
	}
}
