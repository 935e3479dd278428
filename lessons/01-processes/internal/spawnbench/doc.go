// Package spawnbench holds BenchmarkProcessSpawn. It has a test binary of
// its own, with nothing but the processes library, so that the benchmark
// measures what a program pays to start a child: the lesson's own test
// binary links testify (and with it net/http, yaml and more), whose
// package initialisation every child of that binary runs first, which
// costs it about 1.5 ms more per start on the machine the README was
// recorded on.
package spawnbench
