package wire

// The names by which code rewritten by the front end reaches the worker's
// helpers. The worker imports the helper package under HelperAlias before
// the first cell, and declares the generic MinFunc and MaxFunc.
const (
	// HelperPath is the import path of the compiled helpers.
	HelperPath = "playground.invalid/pg"
	// HelperAlias is the name the helpers are imported as.
	HelperAlias = "__pg"
	// ShowFunc is the helper that prints an expression statement's value:
	// __pg.Show(k)(values...), where k indexes Eval.Types.
	ShowFunc = "Show"
	// ClearFunc replaces the builtin clear, which yaegi lacks.
	ClearFunc = "Clear"
	// PrintFunc and PrintlnFunc replace the builtins print and println,
	// which yaegi writes to standard output: Go's runtime writes them to
	// standard error.
	PrintFunc   = "Print"
	PrintlnFunc = "Println"
	// SiteFunc records, for the goroutine that calls it, the blocking
	// statement it is about to run: __pg.At(k), where k numbers the site
	// in the front end's session.
	SiteFunc = "At"
	// ReturnedFunc is called after each chunk's code: a chunk whose code
	// did not reach it, and did not fail, ended its goroutine by
	// runtime.Goexit.
	ReturnedFunc = "Returned"
	// TimerStopFunc, TimerResetFunc, TickerStopFunc and TickerResetFunc
	// stand for the methods Stop and Reset of a *time.Timer and a
	// *time.Ticker: __pg.TimerStop(t) is t.Stop, a func() bool, and so on.
	// The worker then knows which of the learner's timers may still fire,
	// for its deadlock detector.
	TimerStopFunc   = "TimerStop"
	TimerResetFunc  = "TimerReset"
	TickerStopFunc  = "TickerStop"
	TickerResetFunc = "TickerReset"
	// MinFunc and MaxFunc replace the builtins min and max.
	MinFunc = "__pgMin"
	MaxFunc = "__pgMax"
	// FuncFunc passes a function literal on as it is: yaegi converts a
	// literal handed straight to compiled code so that it reads the
	// variables it captured when it is called, not when it was made.
	FuncFunc = "__pgFn"
)
