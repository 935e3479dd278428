package overview

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
)

// Numbers is the list the seed works on: arr = [2, 3, 8, 9].
var Numbers = []int{2, 3, 8, 9}

// DefaultDelay is the pause before each number: the seed's time.sleep(0.2).
const DefaultDelay = 200 * time.Millisecond

// Task is one of the seed's two functions, calc_square or calc_cube.
type Task struct {
	// Name is "square" or "cube": the word printed before each result, and
	// the task's lane in a timeline.
	Name string
	// Header is printed before the first number.
	Header string
	// Calc computes one result.
	Calc func(n int) int
}

// The seed's two tasks.
var (
	Square = Task{Name: "square", Header: "calculate square numbers", Calc: func(n int) int { return n * n }}
	Cube   = Task{Name: "cube", Header: "calculate cube of numbers", Calc: func(n int) int { return n * n * n }}
)

// TaskNamed returns the task called name.
func TaskNamed(name string) (Task, error) {
	for _, t := range []Task{Square, Cube} {
		if t.Name == name {
			return t, nil
		}
	}
	return Task{}, fmt.Errorf("no task named %q (there are square and cube)", name)
}

// Options are the settings of a run.
type Options struct {
	// Delay is the pause before each number; use DefaultDelay for the
	// seed's timing.
	Delay time.Duration
	// Out receives what the tasks print; nil discards it.
	Out io.Writer
	// Timeline, if not nil, records one span per number.
	Timeline *timeline.Timeline
}

// Run is calc_square or calc_cube: it prints the header, then for each
// number pauses, prints "square: 4" and keeps the result. It stops early,
// returning ctx.Err(), when ctx is cancelled.
func (t Task) Run(ctx context.Context, nums []int, o Options) ([]int, error) {
	out := o.Out
	if out == nil {
		out = io.Discard
	}
	fmt.Fprintln(out, t.Header)
	results := make([]int, 0, len(nums))
	for _, n := range nums {
		r := t.Calc(n)
		end := o.Timeline.Begin(t.Name, strconv.Itoa(r))
		if err := Sleep(ctx, o.Delay); err != nil {
			return results, err
		}
		fmt.Fprintf(out, "%s: %d\n", t.Name, r)
		end()
		results = append(results, r)
	}
	return results, nil
}

// Result holds what a run computed.
type Result struct {
	Squares []int
	Cubes   []int
}
