package check

import "sync"

// pins holds pool workers alive after their pool is closed, until the
// check lets go: for each worker, a copy of the pool's end of the pipe on
// which the worker hears from its pool. A worker exits as soon as that pipe
// reaches end-of-file, which Close brings about microseconds after the last
// result; while the check holds its copy, the end never comes. So Join
// waits for the check, an answer that calls it is seen waiting there, and
// the workers of one that returns without it are still there when it has
// returned, however quick the machine.
type pins struct {
	mu       sync.Mutex
	fds      map[int]int // worker pid: the check's copy, or -1 if none could be made
	released bool        // let go: a worker that arrives later is not held
}

func newPins() *pins { return &pins{fds: map[int]int{}} }

// pin makes the check's copy of the pipe to the worker with the given pid,
// once; the worker must be running a task (its pool cannot be closed yet).
// It reports whether this was the first worker pinned.
func (p *pins) pin(pid int) (first bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, done := p.fds[pid]; !done && !p.released {
		p.fds[pid] = dupPipeTo(pid)
		return len(p.fds) == 1
	}
	return false
}

// release closes the check's copies: the workers of a closed pool exit.
func (p *pins) release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.released = true
	for pid, fd := range p.fds {
		if fd >= 0 {
			closeFD(fd)
		}
		p.fds[pid] = -1
	}
}
