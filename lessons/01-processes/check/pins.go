package check

import "sync"

// pins holds pool workers, and the pool's readers of them, after their pool
// is closed or terminated, until the check lets go. For each worker it
// keeps two copies:
//
//   - of the pool's end of the pipe on which the worker hears from its
//     pool. A worker exits as soon as that pipe reaches end-of-file, which
//     Close brings about microseconds after the last result; while the
//     check holds its copy, the end never comes.
//   - of the worker's end of the pipe on which the pool hears from the
//     worker. The pool's reader of that pipe, which Join waits for, ends at
//     end-of-file, which a worker's death (Terminate, Kill) brings about
//     at once; while the check holds its copy, the end never comes either.
//
// So Join waits for the check, an answer that calls it is always seen
// waiting there, and one that returns without it has left the workers of a
// closed pool, or the readers of a terminated one, behind, however quick
// the machine.
type pins struct {
	mu       sync.Mutex
	fds      map[int][]int // worker pid: the check's copies (none if they could not be made)
	released bool          // let go: a worker that arrives later is not held
}

func newPins() *pins { return &pins{fds: map[int][]int{}} }

// pin makes the check's copies of the pipes of the worker with the given
// pid, once; the worker must be running a task (its pool cannot be closed
// yet). It reports whether this was the first worker pinned.
func (p *pins) pin(pid int) (first bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, done := p.fds[pid]; !done && !p.released {
		var held []int
		for _, fd := range []int{dupPipeTo(pid), openPipeFrom(pid)} {
			if fd >= 0 {
				held = append(held, fd)
			}
		}
		p.fds[pid] = held
		return len(p.fds) == 1
	}
	return false
}

// holding reports whether the check holds any worker's pipe.
func (p *pins) holding() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, held := range p.fds {
		if len(held) > 0 {
			return true
		}
	}
	return false
}

// release closes the check's copies: the workers of a closed pool exit,
// and the pool's readers of workers that died end.
func (p *pins) release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.released = true
	for pid, held := range p.fds {
		for _, fd := range held {
			closeFD(fd)
		}
		p.fds[pid] = nil
	}
}
