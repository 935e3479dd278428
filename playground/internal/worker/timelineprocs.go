package worker

import (
	"bytes"
	"fmt"
	"os"
	"time"

	"github.com/gophertutor/concurrency/internal/children"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// nameEnv is where lesson 01's library puts a child's name
// ("Process-1", "PoolWorker-2") in its environment.
const nameEnv = "PROCESSES_NAME="

// child is one child process of the worker, as a look saw it.
type child struct {
	PID     int
	Name    string
	Running bool // on a CPU, or ready for one (the kernel's state R)
}

// childrenEvery is how long the looks reuse one listing of the child
// processes: listing them reads /proc/N/stat for every process of the
// machine (a kernel without /proc/self/task/N/children), which costs a
// millisecond or more where a stack dump costs a tenth of that. In
// between, the children of the last list are looked at again, one small
// file each.
const childrenEvery = 40 * time.Millisecond

// children lists the worker's live child processes, with their names: all
// of them at the first look of a cell and every childrenEvery, those of
// the last list otherwise. Where processes cannot be listed, there are
// none.
func (d *dumper) children() []child {
	if now := time.Now(); d.listed.IsZero() || now.Sub(d.listed) >= childrenEvery {
		d.listed = now
		d.kids = d.listChildren()
		return d.kids
	}
	d.kids = refresh(d.kids)
	return d.kids
}

// refresh reads the state of the children of the last list again (one
// small file each), and drops those that have exited.
func refresh(kids []child) []child {
	var out []child
	for _, c := range kids {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.PID))
		if err != nil {
			continue // gone, and waited for
		}
		// "pid (comm) S ppid ...": the state follows the last ')'.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 || i+3 > len(stat) {
			continue
		}
		state := stat[i+2]
		if state == 'Z' || state == 'X' {
			continue // exited
		}
		c.Running = state == 'R'
		out = append(out, c)
	}
	return out
}

func (d *dumper) listChildren() []child {
	cs, err := children.List()
	if err != nil {
		return nil
	}
	names := make(map[int]string, len(cs))
	var out []child
	for _, c := range cs {
		if c.Zombie() {
			continue // it has exited; its parent has not waited yet
		}
		name, ok := d.names[c.PID]
		if !ok {
			name = processName(c)
		}
		names[c.PID] = name
		out = append(out, child{PID: c.PID, Name: name, Running: c.State == "R"})
	}
	d.names = names
	return out
}

// processName is the name lesson 01's library gave a child, or its
// command.
func processName(c children.Child) string {
	env, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", c.PID))
	if err == nil {
		for _, kv := range bytes.Split(env, []byte{0}) {
			if name, ok := bytes.CutPrefix(kv, []byte(nameEnv)); ok && len(name) > 0 {
				return string(name)
			}
		}
	}
	return c.Command
}

// recordChildren adds the child processes of look number n, taken at at,
// to the timeline. They do not keep the sampler going after the cell has
// ended: a pool's workers live on, and a goroutine waits for a process
// the cell started. Call with r.mu held.
func (r *recorder) recordChildren(cs []child, n int, at time.Duration) {
	for _, c := range cs {
		t := r.procs[c.PID]
		if t == nil {
			if len(r.procs) >= maxTracks {
				continue
			}
			t = &tracked{Track: wire.Track{ID: int64(c.PID), Start: c.Name}}
			r.procs[c.PID] = t
		}
		t.seen = n
		t.Alive = true
		state := wire.StateIO // asleep: a pipe, a timer, a lock
		if c.Running {
			state = wire.StateRunning
		}
		t.States = extend(t.States, state, at)
	}
}

// allTracks returns the goroutines' and the processes' records. Call with
// r.mu held.
func (r *recorder) allTracks() []*tracked {
	all := make([]*tracked, 0, len(r.tracks)+len(r.procs))
	for _, t := range r.tracks {
		all = append(all, t)
	}
	for _, t := range r.procs {
		all = append(all, t)
	}
	return all
}
