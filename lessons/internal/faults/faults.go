// Package faults is a table of the ways a task in a child process can go
// wrong, with what its caller must see, for the tests of every library that
// runs tasks in processes: lesson 01's Process and Pool, and the executors
// of the later lessons, which run the same table on their own kinds.
//
// A fault is done by a registered function, Task, told which fault to do:
// import this package in a test binary (whose TestMain calls
// processes.RunChildIfRequested) and its children have it too. How a task
// answers being stopped (lesson 05's termination ladder) is a table of its
// own, StopCases, done by Stoppee.
package faults

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Kind is a fault for Task to do.
type Kind int

// The faults.
const (
	Nothing           Kind = iota // returns 42: the case that must still work after each fault
	ReturnError                   // returns an error
	Panic                         // panics in the function
	Exit                          // os.Exit(3)
	CrashInGoroutine              // a panic in a goroutine the function started: the process dies
	KillItself                    // SIGKILL to its own process
	CorruptStream                 // writes bytes that are not the protocol to its result pipe (fd 3), then returns 42
	CloseTaskPipe                 // closes the pipe its tasks come on (fd 4), then returns 42
	UnencodableResult             // returns a value gob cannot encode (a nil pointer in a slice)
	DeepResult                    // returns a linked list too deep to encode
	GrandchildStderr              // starts a program that keeps its stderr open for a minute, returns its pid
	IgnoreCancel                  // never returns, whatever its context says
)

var kindNames = map[Kind]string{
	Nothing: "nothing", ReturnError: "an error", Panic: "a panic", Exit: "os.Exit(3)",
	CrashInGoroutine: "a crash in a goroutine", KillItself: "SIGKILL", CorruptStream: "garbage on the result pipe",
	CloseTaskPipe: "the task pipe closed", UnencodableResult: "a result that cannot be encoded",
	DeepResult: "a result nested too deep", GrandchildStderr: "a grandchild holding stderr", IgnoreCancel: "ignores cancellation",
}

func (k Kind) String() string { return kindNames[k] }

// Node is a linked list, for values nested too deep to cross.
type Node struct {
	Next *Node
}

// Outcome is what Task returns.
type Outcome struct {
	N    int
	PID  int    // of the grandchild, for GrandchildStderr
	Ptrs []*int // holds a nil for UnencodableResult
	List *Node  // too deep, for DeepResult
}

// Task does fault k in the process it runs in.
var Task = processes.Register("faults.task", func(ctx context.Context, k Kind) (Outcome, error) {
	switch k {
	case ReturnError:
		return Outcome{}, errors.New("faults: the task failed")
	case Panic:
		panic("faults: the task panicked")
	case Exit:
		os.Exit(3)
	case CrashInGoroutine:
		done := make(chan struct{})
		go func() {
			var m map[string]int
			m["boom"]++ // assignment to entry in nil map
			close(done)
		}()
		<-done
	case KillItself:
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	case CorruptStream:
		// A debugging print to the wrong file: fd 3 is the library's.
		if _, err := os.NewFile(3, "to-parent").Write([]byte("debug: here\n")); err != nil {
			return Outcome{}, err
		}
	case CloseTaskPipe:
		if err := syscall.Close(4); err != nil {
			return Outcome{}, err
		}
	case UnencodableResult:
		return Outcome{N: 42, Ptrs: []*int{nil}}, nil
	case DeepResult:
		return Outcome{N: 42, List: deepList(2 * maxDepth)}, nil
	case GrandchildStderr:
		cmd := exec.Command("sleep", "60")
		cmd.Stderr = os.Stderr // the grandchild holds our stderr open
		if err := cmd.Start(); err != nil {
			return Outcome{}, err
		}
		return Outcome{N: 42, PID: cmd.Process.Pid}, nil // never waited for: it outlives us
	case IgnoreCancel:
		select {}
	}
	return Outcome{N: 42}, nil
})

// Payload is an argument that may not cross to a child: see Arguments.
type Payload struct {
	Ptrs []*int
	List *Node
	Any  any
}

// Echo returns its argument: the function for faults in arguments, which
// must be refused before anything is sent.
var Echo = processes.Register("faults.echo", func(_ context.Context, p Payload) (Payload, error) { return p, nil })

// ArgCase is an argument that cannot cross, and what its refusal must say
// (after the argument's name: "args[1]", "the argument").
type ArgCase struct {
	Name string
	Arg  func() Payload
	Says string
}

// unregistered is a type gob was never told about.
type unregistered struct{ N int }

// Arguments is the table of arguments that cannot cross.
var Arguments = []ArgCase{
	{"a nil pointer in a slice", func() Payload { x := 1; return Payload{Ptrs: []*int{&x, nil}} }, ".Ptrs[1] is a nil *int"},
	{"a list too deep", func() Payload { return Payload{List: deepList(2 * maxDepth)} }, " is nested more than"},
	{"a circular list", func() Payload { n := &Node{}; n.Next = &Node{Next: n}; return Payload{List: n} }, " is nested more than"},
	{"an unregistered type in an interface", func() Payload { return Payload{Any: unregistered{1}} },
		".Any holds a faults.unregistered, a type encoding/gob does not know: call gob.Register"},
}

func deepList(n int) *Node {
	var head *Node
	for range n {
		head = &Node{Next: head}
	}
	return head
}

// maxDepth is more than any value may nest to cross (the library refuses
// deeper values rather than overflow the stack encoding them).
const maxDepth = 100_000

// Want is what a caller must see of a fault.
type Want int

// What a fault shows.
const (
	Success Want = iota // the result, 42
	Failed              // an error from the task, the worker alive
	Died                // an error saying the process died, with its exit code or signal
	Refused             // an error saying the result cannot cross back, the worker alive
	Stopped             // only a cancelled context ends it, after the grace period
)

// Case is one row of the table.
type Case struct {
	Kind Kind
	Want Want
	// Says holds what the error must contain, one of them at least.
	Says []string
}

// Cases is the table: every fault, and what it must give.
var Cases = []Case{
	{Kind: Nothing, Want: Success},
	{Kind: ReturnError, Want: Failed, Says: []string{"the task failed"}},
	{Kind: Panic, Want: Failed, Says: []string{"panicked: faults: the task panicked"}},
	{Kind: Exit, Want: Died, Says: []string{"exited with code 3"}},
	{Kind: CrashInGoroutine, Want: Died, Says: []string{"exited with code 2", "assignment to entry in nil map"}},
	{Kind: KillItself, Want: Died, Says: []string{"killed by signal 9"}},
	{Kind: CorruptStream, Want: Died, Says: []string{"what is not a message of this package", "was cut short"}},
	{Kind: CloseTaskPipe, Want: Success},
	{Kind: UnencodableResult, Want: Refused, Says: []string{"is a nil *int", "cannot cross back"}},
	{Kind: DeepResult, Want: Refused, Says: []string{"nested more than", "cannot cross back"}},
	{Kind: GrandchildStderr, Want: Success},
	{Kind: IgnoreCancel, Want: Stopped},
}

// Cleanup undoes what a fault left outside the library's reach: the
// grandchild of GrandchildStderr, which is not the test's child.
func Cleanup(o Outcome) {
	if o.PID > 0 {
		_ = syscall.Kill(o.PID, syscall.SIGKILL)
	}
}

// Describe is the case's name for subtests.
func (c Case) Describe() string { return c.Kind.String() }

// Bound is how long any fault may take to show: far more than any of them
// needs, far less than a hang (GrandchildStderr's grandchild lives for a
// minute).
const Bound = 20 * time.Second

// Err formats an unexpected outcome for a failure message.
func Err(c Case, o Outcome, err error) string {
	return fmt.Sprintf("fault %q: got outcome %+v, error %v", c.Kind, o, err)
}
