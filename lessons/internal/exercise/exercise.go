// Package exercise is the harness behind every lesson's exercises.
//
// A stub in lessons/NN-topic/exercises calls [TODO]. A check (in
// lessons/NN-topic/check) is an [Exercise]: its Check function calls the
// learner's implementation through a [C] and records a [Mistake] when the
// answer is wrong. [Exercise.Test] turns the outcome into a test result:
//
//   - not attempted (the stub still calls TODO): the test is skipped, and the
//     skip message names the exercise, the file to edit and the README section
//     to read;
//   - wrong: the test fails with a message that teaches — what was expected,
//     what happened, the likely mistake, and the exercise's hint;
//   - right: the test passes.
//
// Reference solutions use [Exercise.TestSolution], where a skip is a failure.
// [Exercise.Run] returns the outcome without a *testing.T, which is how a
// check's own tests show that it rejects wrong implementations.
//
// A check proves what it claims by structure, on any machine, busy or idle:
// a [Barrier] that opens only when calls overlap, a [Gauge] of calls in
// flight, a [Gate] that holds the calls it hands out and releases them once
// the answer has settled ([C.Settle]), a hold until the learner's function
// waits ([C.AwaitCaller]), the learner's code run on one processor
// ([C.OnOneProcessor]) where a mistake shows only when goroutines start
// late, and a look at whether a call waits for a lock the check holds
// ([C.Blocks]). Races no check can force are the race detector's
// ([ExpectRace] in a check's tests, [Info.Race] for the learner).
package exercise

import (
	"fmt"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// Info describes an exercise to the learner.
type Info struct {
	// Name is the function or type the learner writes, e.g. "SquaresAndCubes".
	Name string
	// File is the stub to edit, relative to the repository root.
	File string
	// Section is the README section that teaches what the exercise needs,
	// as a repository-relative path with a heading anchor.
	Section string
	// Hint is shown with every failure.
	Hint string
	// RaceSensitive marks exercises whose classic mistake is a data race
	// that a check cannot always force to show (on one CPU, or a race no
	// call of the check sits inside): only the race detector (go test
	// -race) always sees it, so a pass without it says to run it.
	RaceSensitive bool
	// Race is what a data race in this exercise usually is, and its fix:
	// the likely mistake shown under the race detector's report when it
	// fails the exercise. Empty: a general explanation.
	Race string
}

// Exercise is one exercise and the check that decides whether an
// implementation of type F solves it.
type Exercise[F any] struct {
	Info
	// Check calls impl through c and calls c.Fail on the first mistake.
	Check func(c *C, impl F)
}

// Status is the outcome of running a check.
type Status int

// The outcomes of a check.
const (
	Passed Status = iota
	NotAttempted
	Failed
)

func (s Status) String() string {
	switch s {
	case Passed:
		return "passed"
	case NotAttempted:
		return "not attempted"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Result is what running a check found.
type Result struct {
	Status Status
	// Mistake is set when Status is Failed.
	Mistake *Mistake
	// Message is the text shown to the learner.
	Message string
}

// Option changes how [Exercise.Run] runs a check.
type Option func(*config)

type config struct {
	patience  time.Duration
	callBound time.Duration
	timeout   time.Duration
}

// DefaultPatience is how long a check waits for an event that a correct
// implementation produces at once (a barrier opening, a call returning).
// Only wrong implementations ever wait this long.
const DefaultPatience = 2 * time.Second

// WithPatience sets how long a check waits for an event before it concludes
// that the event will not come. Checks' own tests shorten it for wrong
// implementations; a wrong implementation is rejected whatever the patience.
func WithPatience(d time.Duration) Option { return func(c *config) { c.patience = d } }

// WithCallBound sets how long C.Call waits for the learner's code before
// it reports it stuck (default three times the patience). Checks whose
// calls start processes give them more room than the patience.
func WithCallBound(d time.Duration) Option { return func(c *config) { c.callBound = d } }

// Options combines several options into one.
func Options(opts ...Option) Option {
	return func(c *config) {
		for _, o := range opts {
			o(c)
		}
	}
}

// WithTimeout bounds the whole check (default: the patience, twice the
// call bound, and 10 s more).
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// Run runs the check against impl and reports the outcome. It never calls
// into a *testing.T, so a test can run a check against a wrong implementation
// and assert that it is rejected.
func (e Exercise[F]) Run(impl F, opts ...Option) Result {
	cfg := config{patience: DefaultPatience}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.callBound == 0 {
		cfg.callBound = 3 * cfg.patience
	}
	if cfg.timeout == 0 {
		cfg.timeout = cfg.patience + 2*cfg.callBound + 10*time.Second
	}
	c := &C{info: e.Info, patience: cfg.patience, callBound: cfg.callBound}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer c.recoverPanic()
		e.Check(c, impl)
	}()
	select {
	case <-done:
	case <-time.After(cfg.timeout):
		// The check goroutine stays blocked in the learner's code; the
		// package's leak check will list it, which is the right outcome
		// for an implementation that never returns.
		c.record(Mistake{
			Expected: fmt.Sprintf("the check of %s to finish", e.Name),
			Got:      fmt.Sprintf("it was still running after %v", cfg.timeout),
			Likely:   "something blocks forever: a channel nobody reads or closes, a WaitGroup whose Done is never called, or a lock never released",
		})
	}
	return c.result()
}

// Test runs the check for a learner's implementation: a stub that still
// calls TODO skips the test with a pointer to the README; a wrong answer
// fails it with a message that teaches.
func (e Exercise[F]) Test(t *testing.T, impl F, opts ...Option) {
	t.Helper()
	r := e.Run(impl, opts...)
	switch r.Status {
	case NotAttempted:
		t.Skip(r.Message)
	case Failed:
		t.Fatal(r.Message)
	case Passed:
		if !RaceEnabled {
			if e.RaceSensitive {
				t.Logf("%s passed without the race detector, which is what sees this exercise's classic mistake: "+
					"run `go test -race` (go run ./playground check does) to be sure it has no data race", e.Name)
			}
			return
		}
		// The race detector marks the test failed once it returns, before
		// its cleanups run: say then what its report means. Any exercise
		// can have a race, not only those whose classic mistake is one.
		t.Cleanup(func() {
			if t.Failed() {
				t.Log(failureMessage(e.Info, raceMistake(e.Info)))
			}
		})
	}
}

// raceMistake explains a race detector's report on a learner's answer to
// the exercise in.
func raceMistake(in Info) Mistake {
	likely := in.Race
	if likely == "" {
		likely = "a variable shared by goroutines without a mutex, an atomic, or a channel between them"
	}
	return Mistake{
		Expected: "no data race",
		Got: "the race detector saw two goroutines use the same memory, at least one writing, with nothing ordering them " +
			"(its report, above, shows both places: read the lines in your file)",
		Likely: likely,
	}
}

// TestSolution runs the check for a reference solution, where an
// unattempted exercise is a failure, not a skip.
func (e Exercise[F]) TestSolution(t *testing.T, impl F, opts ...Option) {
	t.Helper()
	r := e.Run(impl, opts...)
	if r.Status != Passed {
		t.Fatalf("the reference solution of %s did not pass (a solution never skips):\n%s", e.Name, r.Message)
	}
}

// recoverPanic turns a panic in the learner's code, called directly from the
// check goroutine, into an outcome.
func (c *C) recoverPanic() {
	r := recover()
	if r == nil {
		return
	}
	if t, ok := isTODO(r); ok {
		c.markNotAttempted(t.where)
		return
	}
	c.record(panicMistake(c.info.Name, r, debug.Stack()))
}

func panicMistake(name string, v any, stack []byte) Mistake {
	return Mistake{
		Expected: fmt.Sprintf("%s to return normally", name),
		Got:      fmt.Sprintf("it panicked: %v\n%s", v, trimStack(stack)),
		Likely:   "read the first lines of the stack above that are in your file: that is where it broke",
	}
}

// trimStack keeps the frames below the panic, except the harness's own:
// what is left starts where the learner's code panicked.
func trimStack(stack []byte) string {
	lines := strings.Split(strings.TrimSpace(string(stack)), "\n")
	start := 1 // lines[0] is "goroutine N [running]:"
	for i := 1; i+1 < len(lines); i += 2 {
		if strings.HasPrefix(lines[i], "panic(") {
			start = i + 2
			break
		}
	}
	var keep []string
	for i := start; i+1 < len(lines); i += 2 {
		fn, loc := lines[i], lines[i+1]
		if strings.Contains(fn, "internal/exercise.(*C)") || strings.Contains(fn, "internal/exercise.Exercise[") ||
			strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "created by ") {
			continue
		}
		keep = append(keep, "    "+fn, "        "+strings.TrimSpace(loc))
	}
	return strings.Join(keep, "\n")
}
