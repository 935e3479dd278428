package supervisor

import (
	"context"
	"fmt"
	"time"
)

// startTimeout bounds the start of a worker.
const startTimeout = 30 * time.Second

// replayTimeout bounds the replay of the declarations into a new worker.
const replayTimeout = 10 * time.Second

// monitor owns the workers: it starts one, and when it dies starts the
// next, replaying the declarations, until the session closes.
func (s *Session) monitor() {
	defer close(s.monitored)
	g := s.startGeneration(freshSession, "", true)
	for {
		if g.err != nil {
			// Nothing runs without a worker: wait for a restart request.
			select {
			case <-s.closing:
				return
			case mode := <-s.restarts:
				g = s.startGeneration(mode, "", false)
			}
			continue
		}
		select {
		case <-s.closing:
			g.proc.close()
			return
		case mode := <-s.restarts:
			g.proc.close()
			g = s.startGeneration(mode, "", false)
			continue
		case <-g.proc.exited:
		}
		s.mu.Lock()
		busy, used := g.busy, g.used
		s.mu.Unlock()
		mode, reason := keepSession, ""
		if !used && g.restart != nil && g.restart.Replayed > 0 {
			mode, reason = freshSession, "the new worker crashed again before you ran anything, so something the replayed declarations started crashes it"
		}
		crash := g.proc.crash()
		g = s.startGeneration(mode, reason, false)
		if !busy && s.opts.OnCrash != nil {
			s.opts.OnCrash(crash, g.restart) // the running request, if any, reports it itself
		}
	}
}

// publish makes g the current generation.
func (s *Session) publish(g *generation) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen = g
	close(s.genNew)
	s.genNew = make(chan struct{})
}

// startGeneration starts a worker and sets up its session.
func (s *Session) startGeneration(mode restartMode, reason string, first bool) *generation {
	g := &generation{ready: make(chan struct{})}
	if !first {
		g.restart = &Restart{}
	}
	s.publish(g)
	defer close(g.ready)

	g.proc, g.err = s.startProcess()
	switch {
	case g.err != nil:
		if g.restart != nil {
			g.restart.Err = g.err
		}
	case mode == freshSession:
		s.setLog(nil)
		if g.restart != nil {
			g.restart.Fresh, g.restart.Reason = true, reason
		}
	default:
		s.replay(g)
	}
	return g
}

func (s *Session) startProcess() (*process, error) {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	return startProcess(ctx, &s.opts)
}

func (s *Session) setLog(log []Chunk) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = log
}

// replay evaluates the session's declarations in g's new worker, quietly.
// A declaration that fails is dropped; if replaying crashes the worker, g
// gets another worker with an empty session.
func (s *Session) replay(g *generation) {
	s.mu.Lock()
	log := append([]Chunk(nil), s.log...)
	s.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), replayTimeout)
	defer cancel()
	var kept []Chunk
	for len(log) > 0 {
		id := s.newID()
		g.proc.stdout.quiet(id)
		g.proc.stderr.quiet(id)
		res := s.run(ctx, g.proc, id, Request{Chunks: log}, interruptsFor{})
		if res.Crash != nil {
			g.restart.Fresh = true
			g.restart.Reason = fmt.Sprintf("replaying your declarations crashed the new worker too (%s)", res.Crash.What())
			s.setLog(nil)
			g.proc, g.err = s.startProcess()
			if g.err != nil {
				g.restart.Err = g.err
			}
			return
		}
		kept = append(kept, log[:res.Evaluated]...)
		if res.Err == nil {
			break
		}
		g.restart.Failed = append(g.restart.Failed, ReplayFailure{Src: log[res.Evaluated].Src, Err: res.Err.Msg})
		log = log[res.Evaluated+1:]
	}
	s.setLog(kept)
	g.restart.Replayed = len(kept)
}
