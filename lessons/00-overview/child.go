package overview

import (
	"context"
	"encoding/gob"
	"fmt"
	"os"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
)

// Report is what a child process sends its parent over the result pipe.
type Report struct {
	// Task is the task the child ran.
	Task string
	// PID is the child's process ID.
	PID int
	// Results are the task's results, in the order of the numbers.
	Results []int
	// Spans say when the child worked on each number, on the wall clock,
	// which parent and child share.
	Spans []ReportSpan
	// Err is set when the child could not do its task.
	Err string
}

// ReportSpan is one number's work in a child, as wall-clock times.
type ReportSpan struct {
	Label      string
	Start, End time.Time
}

// RunChildIfRequested is the Go twin of Python's
// `if __name__ == "__main__":`. Go has no fork: a child process is this
// same program started again, so every program that starts children calls
// this first in main (and test binaries first in TestMain). In a child it
// runs the task named in the environment, sends the Report to the parent
// and exits; in the parent it returns at once.
func RunChildIfRequested() {
	name, ok := os.LookupEnv(envTask)
	if !ok {
		return
	}
	os.Exit(runChild(name))
}

// runChild does a child's work and returns its exit code.
func runChild(name string) int {
	rep := Report{Task: name, PID: os.Getpid()}
	if err := work(&rep); err != nil {
		rep.Err = err.Error()
	}
	pipe := os.NewFile(3, "results") // cmd.ExtraFiles[0] in the parent
	if err := gob.NewEncoder(pipe).Encode(rep); err != nil {
		fmt.Fprintf(os.Stderr, "%s child: send report to the parent (is the pipe cmd.ExtraFiles[0]?): %v\n", name, err)
		return 2
	}
	if rep.Err != "" {
		return 1
	}
	return 0
}

func work(rep *Report) error {
	task, err := TaskNamed(rep.Task)
	if err != nil {
		return err
	}
	nums, err := parseInts(os.Getenv(envNums))
	if err != nil {
		return err
	}
	delay, err := time.ParseDuration(os.Getenv(envDelay))
	if err != nil {
		return fmt.Errorf("parse delay: %w", err)
	}
	tl := timeline.New()
	rep.Results, err = task.Run(context.Background(), nums, Options{Delay: delay, Out: os.Stdout, Timeline: tl})
	for _, s := range tl.Spans() {
		rep.Spans = append(rep.Spans, ReportSpan{Label: s.Label, Start: tl.Origin().Add(s.Start), End: tl.Origin().Add(s.End)})
	}
	return err
}
