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

// children lists the worker's live child processes, with their names.
// Where processes cannot be listed, there are none.
func (d *dumper) children() []child {
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

// childrenNow returns the PIDs of the worker's child processes now: a new
// cell's timeline shows them (a pool's workers an earlier cell started),
// but they do not keep it sampling once the cell has ended. A recorder
// with a scripted sampler (tests) sees none.
func (r *recorder) childrenNow() map[int]bool {
	pids := map[int]bool{}
	if r.sample != nil {
		return pids
	}
	cs, _ := children.List()
	for _, c := range cs {
		pids[c.PID] = true
	}
	return pids
}

// recordChildren adds the child processes of look number n, taken at at,
// to the timeline; it returns how many it saw that the cell started. Call
// with r.mu held.
func (r *recorder) recordChildren(cs []child, n int, at time.Duration) int {
	seen := 0
	for _, c := range cs {
		t := r.procs[c.PID]
		if t == nil {
			if len(r.procs) >= maxTracks {
				continue
			}
			t = &tracked{Track: wire.Track{ID: int64(c.PID), Start: c.Name}}
			r.procs[c.PID] = t
		}
		if !r.older[c.PID] {
			seen++
		}
		t.seen = n
		t.Alive = true
		state := wire.StateIO // asleep: a pipe, a timer, a lock
		if c.Running {
			state = wire.StateRunning
		}
		t.States = extend(t.States, state, at)
	}
	return seen
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
