// Package mixing is lesson 04: processes and goroutines together, the Go
// answer to the Python series' "mix multiprocessing and multithreading".
//
// Items are split across a few child processes (lesson 01's processes);
// inside each child, a bounded number of goroutines run them; every
// item's result comes back to the parent, in the order of the items, and
// an item that fails (an error, a panic, a child that dies) fails alone.
// [Register] registers a function of one item; [Map] runs it. Each child
// gets a share of the CPUs (its GOMAXPROCS) so that the children's
// threads fit the machine, and takes lesson 01's per-child options:
// processes.WithEnv, processes.WithDir, processes.WithMemoryLimit.
//
// Read the lesson as a notebook: lessons/04-mixing/README.md.
package mixing

//go:generate go run ../../internal/notebook/cmd/notebook README.md
