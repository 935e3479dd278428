// Package processes is lesson 01: a small, honest multiprocessing for Go.
//
// Go has no fork: a child process is this program's own binary started
// again. So, as with Python's spawn start method:
//
//   - functions that may run in a child are registered by name when the
//     program starts, in package-level variables ([Register]);
//   - main (and TestMain) starts with [RunChildIfRequested], the twin of
//     `if __name__ == "__main__":`, which lets a child run its function and
//     exit;
//   - arguments and results cross over pipes, encoded with encoding/gob (Go's
//     pickle), so the child's standard output stays the terminal's;
//   - a child exits when its parent dies: it never outlives it.
//
// On that base: [Process] (start, wait, terminate, kill, exit codes, a child's
// panic as the parent's error), [Pool] (long-lived worker processes; [Map],
// which over [Pair]s is Python's starmap, [ApplyAsync] with callbacks, chunks,
// an initializer, a limit of tasks per worker), [Queue] (a FIFO queue the
// parent and its children share) and [Event] (a flag they share). [Current] and [CPUCount] are Python's
// current_process() and process_cpu_count().
//
// Read the lesson as a notebook: lessons/01-processes/README.md.
package processes

//go:generate go run ../../internal/notebook/cmd/notebook README.md
