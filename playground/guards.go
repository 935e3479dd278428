package main

import "github.com/gophertutor/concurrency/playground/internal/symbols"

// runChildGuards is the one place where the lessons' child guards run: the
// first thing main does, in every copy of this binary.
//
// Why here. Go has no fork: a lesson starts a child process by starting
// its own binary again with the child's task in the environment (lesson
// 00's overview.ChildCommand, lesson 01's processes). Code typed into the
// REPL runs in the worker, so a child it starts is this binary again, and
// that copy must run the lesson's child instead of a REPL or a worker.
// The child inherits the worker's environment, which is why the guards
// run before worker.RunIfRequested.
//
// The guards are generated (go generate ./playground/...): every lesson
// package that exports func RunChildIfRequested() is in the list, which
// today calls overview.RunChildIfRequested and processes.RunChildIfRequested.
func runChildGuards() {
	symbols.RunChildGuards()
}
