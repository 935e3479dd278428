// Package spawnbench holds BenchmarkProcessSpawn and BenchmarkExecFloor.
// It has a test binary of its own, with nothing but the processes library
// and the course's leak check, so that the benchmarks measure what a
// program pays to start a child: the lesson's own test binary links
// testify (and with it net/http, yaml and more), whose package
// initialisation every child of that binary runs first. BenchmarkExecFloor
// is the part of a start that the library cannot change: this binary
// started with os/exec, exiting at once.
package spawnbench
