// Package termination is lesson 05: stopping every worker as soon as one
// of them has found what they all look for, without losing what the others
// found meanwhile, and what each way of stopping costs.
//
// Python's series stops its workers two ways: Pool.terminate from a result
// callback, which kills the workers still at work and loses their values,
// and a multiprocessing.Event, which the workers look at between values.
// The lesson does both in Go, on lesson 01's processes (a Pool, a Process,
// processes.Event), and then climbs the termination ladder: ask (a
// cancelled context, a set Event), then SIGTERM with a grace period in
// which a child that handles it saves its work, then SIGKILL. [Stop]
// climbs it for any number of processes; [WhenSet] turns an Event into a
// context, so that a worker's every blocking call stops when it is set;
// [Values] are the seeded random values every example and check draws.
//
// Read the lesson as a notebook: lessons/05-termination/README.md.
package termination

//go:generate go run ../../internal/notebook/cmd/notebook README.md
