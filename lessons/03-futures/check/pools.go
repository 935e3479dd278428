package check

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// rerunPools makes the pools of one check run and watches what becomes of
// them.
type rerunPools struct {
	mu   sync.Mutex
	made []*watchedPool
}

// watchedPool is a ProcessPool that remembers whether it was shut down.
type watchedPool struct {
	pool   *futures.ProcessPool
	first  *processes.Queue[bool] // its first worker's token
	closed atomic.Bool
}

func (p *watchedPool) Execute(t *futures.Task) error { return p.pool.Execute(t) }
func (p *watchedPool) Workers() int                  { return p.pool.Workers() }
func (p *watchedPool) Close() error                  { p.closed.Store(true); return p.pool.Close() }
func (p *watchedPool) Shutdown(ctx context.Context, opts ...futures.ShutdownOption) error {
	p.closed.Store(true)
	return p.pool.Shutdown(ctx, opts...)
}

// newPool makes a ProcessPool of one worker, whose worker processes know
// which pool they belong to.
func (ps *rerunPools) newPool() (futures.Executor, error) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	first := processes.NewQueue[bool](1)
	if err := first.TryPut(true); err != nil {
		return nil, err
	}
	pool, err := futures.NewProcessPool(1, futures.WithInitializer(poolInit, poolTag{N: len(ps.made) + 1, First: first}))
	if err != nil {
		first.Close()
		return nil, err
	}
	p := &watchedPool{pool: pool, first: first}
	ps.made = append(ps.made, p)
	return p, nil
}

// open counts the pools never shut down; count the pools made.
func (ps *rerunPools) open() (open, count int) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for _, p := range ps.made {
		if !p.closed.Load() {
			open++
		}
	}
	return open, len(ps.made)
}

// closeAll closes every pool, so that the check leaves nothing behind.
func (ps *rerunPools) closeAll() {
	ps.mu.Lock()
	made := slices.Clone(ps.made)
	ps.mu.Unlock()
	for _, p := range made {
		_ = p.pool.Close()
		_ = p.first.Close()
	}
}
