package exercise

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Mistake is what a failed check tells the learner.
type Mistake struct {
	// Expected is what a correct implementation does.
	Expected string
	// Got is what this implementation did.
	Got string
	// Likely is the mistake that usually produces Got, and how to fix it.
	Likely string
}

// C is a check's handle on one run of an exercise: it calls the learner's
// code with bounds on how long it may take, and records the first mistake.
// A C is used by the goroutine running the check.
type C struct {
	info      Info
	patience  time.Duration
	callBound time.Duration

	caller atomic.Pointer[callerState] // the goroutine running the learner's function
	// oneProcessor: calls run inside OnOneProcessor.
	oneProcessor atomic.Bool

	mu           sync.Mutex
	notAttempted bool
	todoAt       string // where the TODO still called was
	mistake      *Mistake
}

// Patience is how long the check should wait for something a correct
// implementation does at once. Pass it to barriers and bounded waits.
func (c *C) Patience() time.Duration { return c.patience }

// Fail records m and stops the check, like testing.T.FailNow: it must be
// called from the goroutine running the check.
func (c *C) Fail(m Mistake) {
	c.record(m)
	runtime.Goexit()
}

// Call runs fn, which calls the learner's code, in its own goroutine and
// waits for it at most the call bound: three times the check's patience
// unless WithCallBound says otherwise (a barrier inside may itself wait out
// one patience before it gives up). A panic in fn is reported as a
// mistake (or as "not attempted" when it comes from [TODO]); if fn does not
// return in time, the check fails with Got "did not return" and ifStuck as
// the likely mistake. what names the call in messages, e.g.
// "SquaresAndCubes([2 3 8 9])". The goroutine that runs fn is the
// learner's caller until the next Call: AwaitCaller, InCaller and Settle
// look at it and at the goroutines it starts.
func (c *C) Call(what, ifStuck string, fn func()) {
	c.CallExplained(what, func() string { return ifStuck }, fn)
}

// CallExplained is [C.Call] for a check that learns, while the learner's
// code runs, why a call would never return: ifStuck is asked for the
// likely mistake only once the call bound has passed.
func (c *C) CallExplained(what string, ifStuck func() string, fn func()) {
	type outcome struct {
		panicked bool
		value    any
		stack    []byte
	}
	done := make(chan outcome, 1)
	go func() {
		end := c.startCall()
		if c.oneProcessor.Load() {
			runtime.GC() // see OnOneProcessor
		}
		returned := false
		defer func() {
			end()
			if returned {
				done <- outcome{}
				return
			}
			v := recover()
			done <- outcome{panicked: true, value: v, stack: debug.Stack()}
		}()
		fn()
		returned = true
	}()
	select {
	case o := <-done:
		if !o.panicked {
			return
		}
		if t, ok := isTODO(o.value); ok {
			c.markNotAttempted(t.where)
			runtime.Goexit()
		}
		if o.value == nil {
			c.Fail(Mistake{
				Expected: what + " to return",
				Got:      "it stopped its goroutine with runtime.Goexit (or a panic(nil))",
				Likely:   "do not call runtime.Goexit or t.FailNow from the exercise; return the result instead",
			})
		}
		m := panicMistake(what, o.value, o.stack)
		c.Fail(m)
	case <-time.After(c.callBound):
		c.Fail(Mistake{
			Expected: what + " to return",
			Got:      fmt.Sprintf("it was still running after %v", c.callBound),
			Likely:   ifStuck(),
		})
	}
}

func (c *C) markNotAttempted(where string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.mistake == nil {
		c.notAttempted, c.todoAt = true, where
	}
}

func (c *C) record(m Mistake) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.mistake == nil && !c.notAttempted {
		c.mistake = &m
	}
}

func (c *C) result() Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.notAttempted:
		return Result{Status: NotAttempted, Message: notAttemptedMessage(c.info, c.todoAt)}
	case c.mistake != nil:
		m := *c.mistake
		return Result{Status: Failed, Mistake: &m, Message: failureMessage(c.info, m)}
	}
	return Result{Status: Passed, Message: c.info.Name + ": passed"}
}

func notAttemptedMessage(in Info, todoAt string) string {
	return fmt.Sprintf("%s: not attempted yet (exercise.TODO() is still called at %s).\n"+
		"    read:  %s\n"+
		"    then:  replace exercise.TODO() in %s with your answer and run the test again.",
		in.Name, todoAt, in.Section, in.File)
}

func failureMessage(in Info, m Mistake) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s is not solved yet.\n", in.Name)
	field := func(name, text string) {
		if text == "" {
			return
		}
		fmt.Fprintf(&b, "    %-15s %s\n", name+":", indent(text, 20))
	}
	field("expected", m.Expected)
	field("happened", m.Got)
	field("likely mistake", m.Likely)
	field("hint", in.Hint)
	field("read", in.Section)
	return strings.TrimRight(b.String(), "\n")
}

func indent(s string, n int) string {
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", n))
}
