// Package overview is lesson 00: the same small job done one step after the
// other, in two goroutines, and in two child processes.
//
// The job is the one from the Python walk-through this lesson mirrors: square
// and cube each of [2, 3, 8, 9], pausing 0.2 s before each number. One after
// the other ([Sequential]) that takes 1.6 s; side by side ([Goroutines],
// [Processes]) it takes 0.8 s, plus, for processes, the time to start them.
// The child-process runner is the raw mechanism, short enough to read in one
// sitting: the program starts its own binary again, the child finds its task
// in its environment ([RunChildIfRequested] must be the first line of main),
// and sends its [Report] back over a pipe. Lesson 01 turns it into a library.
//
// Read the lesson as a notebook: lessons/00-overview/README.md.
package overview

//go:generate go run ../../internal/notebook/cmd/notebook README.md
