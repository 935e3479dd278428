package wire

// Goroutine is one goroutine of the learner's code: started, directly or
// not, by a cell, and running interpreted code.
type Goroutine struct {
	// ID is the runtime's goroutine ID.
	ID int64 `json:"id"`
	// State is the runtime's wait reason or status: "chan receive",
	// "select", "sync.Mutex.Lock", "sleep", "running"…
	State string `json:"state"`
	// Cell is the name of the cell that started it ("cell3"), or "input"
	// for requests without a cell (replayed declarations).
	Cell string `json:"cell"`
	// Site is the blocking statement it ran last, as the front end
	// numbered it (see SiteFunc), or 0 if unknown.
	Site int `json:"site,omitempty"`
	// Own is set for the goroutine that runs the cell itself.
	Own bool `json:"own,omitempty"`
}

// Stats measure one request in the worker.
type Stats struct {
	// WallNs is the wall time of the evaluation, in nanoseconds.
	WallNs int64 `json:"wall_ns"`
	// UserNs and SysNs are the CPU time the worker process used meanwhile,
	// in user and kernel mode, in nanoseconds.
	UserNs int64 `json:"user_ns"`
	SysNs  int64 `json:"sys_ns"`
	// Before and After count the learner's goroutines before and after.
	Before int `json:"before"`
	After  int `json:"after"`
}
