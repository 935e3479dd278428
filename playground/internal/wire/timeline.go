package wire

import "time"

// KindTimeline asks the worker for the timeline of the last cell; the
// worker answers with a message of the same kind and ID that carries it
// (Message.Timeline).
const KindTimeline Kind = "timeline"

// Timeline is what the worker saw of the last cell's goroutines: it looks
// at them every few milliseconds while the cell runs, and afterwards while
// goroutines the cell started are still there.
type Timeline struct {
	// Cell names the cell ("cell3"); it is empty if no cell has run in
	// this worker.
	Cell string `json:"cell,omitempty"`
	// Ran is how long the cell itself ran, from its start.
	Ran time.Duration `json:"ran"`
	// End is when the record ends, from the cell's start: when the
	// cell's last goroutine was last seen, or when the timeline was
	// asked for.
	End time.Duration `json:"end"`
	// Samples is the number of times the worker looked.
	Samples int `json:"samples"`
	// Goroutines are the cell's goroutines, in the order they were
	// first seen. The first one, if Own is set, is the cell's own code.
	Goroutines []Track `json:"goroutines,omitempty"`
	// Processes are the worker's child processes that appeared while
	// the record ran (lesson 01's Process and Pool start them), in the
	// order they were first seen: ID is the PID, Start the name the
	// library gave the process ("Process-1", "PoolWorker-2") or its
	// command.
	Processes []Track `json:"processes,omitempty"`
	// Dropped counts goroutines not kept: too many to record.
	Dropped int `json:"dropped,omitempty"`
	// Stopped says why sampling stopped before the cell's goroutines
	// ended, if it did ("the timeline was asked for", "10s after the
	// cell ended").
	Stopped string `json:"stopped,omitempty"`
}

// Track is one goroutine's life, as sampled.
type Track struct {
	// ID is the goroutine's ID.
	ID int64 `json:"id"`
	// Own is set for the goroutine that ran the cell's code itself.
	Own bool `json:"own,omitempty"`
	// Start says how the goroutine was started: "go" (a go statement in
	// the learner's code), "wg.Go", "AfterFunc", or the compiled function
	// it runs ("00-overview.square"); it is empty for the cell's own code.
	Start string `json:"start"`
	// Alive is set when the goroutine was still there when the record
	// ended.
	Alive bool `json:"alive,omitempty"`
	// States are its states, in order and without gaps: from when it
	// was first seen to when it was last seen.
	States []Interval `json:"states"`
}

// Interval is a stretch of time in one state, as offsets from the cell's
// start.
type Interval struct {
	State State         `json:"state"`
	From  time.Duration `json:"from"`
	To    time.Duration `json:"to"`
}

// State is what a goroutine was doing when the worker looked.
type State string

// The states a Track records.
const (
	StateRunning State = "running" // on a CPU, or ready for one
	StateChan    State = "chan"    // waiting to send or receive on a channel
	StateSelect  State = "select"  // waiting in a select
	StateSleep   State = "sleep"   // in time.Sleep
	StateSync    State = "sync"    // waiting for a Mutex, RWMutex, WaitGroup or Cond
	StateIO      State = "io"      // waiting for I/O or in a system call
	StateOther   State = "other"   // anything else the runtime says
)
