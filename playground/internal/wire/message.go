package wire

// Kind says what a Message is.
type Kind string

// The kinds of messages. The supervisor sends Eval, Interrupt and Ping; the
// worker sends Ready, Done and Frame.
const (
	// KindReady: the worker has started its interpreter (Message.Ready).
	KindReady Kind = "ready"
	// KindEval asks the worker to evaluate source chunks (Message.Eval).
	KindEval Kind = "eval"
	// KindInterrupt asks the worker to stop the running request ID.
	KindInterrupt Kind = "interrupt"
	// KindPing asks for an empty Done: the round trip through the worker.
	KindPing Kind = "ping"
	// KindDone answers request ID (Message.Done).
	KindDone Kind = "done"
	// KindFrame reports one interpreted stack frame of a panic in flight
	// (Message.Frame); it may be the last news from a worker that dies.
	KindFrame Kind = "frame"
	// KindGoroutines asks for the learner's live goroutines: the worker
	// answers with a Done whose Goroutines lists them.
	KindGoroutines Kind = "goroutines"
	// KindLive updates, after the answer to request ID, the number of the
	// learner's goroutines alive (Message.Done.Live): the cell's own
	// goroutine, which an interrupt left in compiled code, has ended.
	KindLive Kind = "live"
	// KindBlocked reports the learner's goroutines of a deadlock
	// (Message.Blocked), sent just before the worker ends as Go ends a
	// deadlocked program.
	KindBlocked Kind = "blocked"
	// KindExec says that the learner's program calls syscall.Exec
	// (Message.Exec, the program's path): if the call succeeds, the worker
	// process becomes that program, and its end is the program's. A
	// KindExec without a path follows if the call failed.
	KindExec Kind = "exec"
)

// Message is one frame on a control pipe.
type Message struct {
	Kind  Kind   `json:"kind"`
	ID    uint64 `json:"id,omitempty"`
	Ready *Ready `json:"ready,omitempty"`
	Eval  *Eval  `json:"eval,omitempty"`
	Done  *Done  `json:"done,omitempty"`
	Frame *Frame `json:"frame,omitempty"`
	// Timeline answers KindTimeline (see timeline.go).
	Timeline *Timeline `json:"timeline,omitempty"`
	// Blocked are the goroutines of a deadlock (KindBlocked).
	Blocked []Goroutine `json:"blocked,omitempty"`
	// Exec is the program that replaces the worker (KindExec).
	Exec string `json:"exec,omitempty"`
}

// Ready is the worker's greeting.
type Ready struct {
	// PID is the worker's process ID.
	PID int `json:"pid"`
	// Nonce makes the worker's sync marks impossible to print by accident.
	Nonce string `json:"nonce"`
}

// Eval is a request to evaluate source chunks in order.
type Eval struct {
	// Cell names the cell ("cell3"): the goroutines it starts carry it as
	// their pprof label stacks.CellLabel.
	Cell string `json:"cell,omitempty"`
	// Chunks are evaluated one after the other; the first error stops.
	Chunks []Chunk `json:"chunks"`
	// Types are the type names the front end found for shown values, by
	// show index; the worker prints a value with its type.
	Types map[int]string `json:"types,omitempty"`
	// Measure asks for Done.Stats: the request's wall and CPU time.
	Measure bool `json:"measure,omitempty"`
	// Main is set when the chunks are a whole program run once (a script):
	// the goroutine that runs them is its main goroutine. If it ends by
	// runtime.Goexit, the worker goes on as Go's runtime does, until the
	// program's other goroutines have all ended or are all blocked, then
	// ends with the runtime's fatal error.
	Main bool `json:"main,omitempty"`
}

// Chunk is source code the interpreter evaluates in one go: declarations,
// or statements.
type Chunk struct {
	Src string `json:"src"`
	// Stmts is set when the chunk is statements (the call of a cell's
	// statements, x := ...), which the worker follows with a call that
	// tells whether they ran to their end or ended by runtime.Goexit. The
	// interpreter takes no statement after declarations (import, func,
	// type, var, const): a Goexit in a variable's initializer goes unseen.
	Stmts bool `json:"stmts,omitempty"`
}

// Done is the answer to a request.
type Done struct {
	// Evaluated is the number of chunks that ran without error.
	Evaluated int `json:"evaluated"`
	// Err is why chunk number Evaluated failed, if it did.
	Err *Error `json:"err,omitempty"`
	// Interrupted is set when the request was stopped by KindInterrupt.
	Interrupted bool `json:"interrupted,omitempty"`
	// Goexit is set when chunk number Evaluated called runtime.Goexit (in
	// the cell's own goroutine): its deferred calls ran, the rest of it
	// did not.
	Goexit bool `json:"goexit,omitempty"`
	// Live is the number of the learner's goroutines alive after the
	// request (see Goroutine).
	Live int `json:"live,omitempty"`
	// Goroutines are the learner's goroutines (KindGoroutines).
	Goroutines []Goroutine `json:"goroutines,omitempty"`
	// Stats measure the request, if Eval.Measure asked.
	Stats *Stats `json:"stats,omitempty"`
}

// Error is a failed evaluation.
type Error struct {
	// Msg is the interpreter's message; positions in it are in the
	// learner's input (the front end writes //line directives).
	Msg string `json:"msg"`
	// Panic is set when the code panicked: Msg is the panic value.
	Panic bool `json:"panic,omitempty"`
	// Frames is the interpreted stack of a panic, innermost first.
	Frames []Frame `json:"frames,omitempty"`
}

// Frame is one interpreted function a panic went through.
type Frame struct {
	// Goroutine is the ID of the goroutine that panicked.
	Goroutine int64 `json:"goroutine"`
	// Func is the interpreter's name for the function: main.f,
	// main.func (a function literal), main (the cell itself).
	Func string `json:"func"`
	// Pos is where the function's code starts: name:line:col.
	Pos string `json:"pos"`
}
