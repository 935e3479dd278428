// Package catalog describes lesson 06's exercises: their names, stubs,
// README sections and hints, without the checks. The checks (package
// check) run a NATS server; the course's table of lessons (package
// lessons), which the playground links, reads this package instead, so
// that the playground's first build does not compile a NATS server it
// never runs (about 50 s of CPU time on a 2-core machine).
package catalog

import "github.com/gophertutor/concurrency/lessons/internal/exercise"

const readme = "lessons/06-beyond/README.md"

// All lists the lesson's exercises in order.
func All() []exercise.Info { return []exercise.Info{ApplyDeposit, Resume, Work} }

// ApplyDeposit is exercise 1: exactly once by idempotency.
var ApplyDeposit = exercise.Info{
	Name:    "ApplyDeposit",
	File:    "lessons/06-beyond/exercises/deposit.go",
	Section: readme + "#exercise-1-exactly-once-by-idempotency",
	Hint: "loop: Get the account (its entry has the Revision), decode it; if d.ID is in Applied, return nil; " +
		"add the amount, append the ID, and Update(ctx, key, value, entry.Revision()) — one write, so the balance and " +
		"the ID change together; if errors.Is(err, jetstream.ErrKeyExists), someone wrote in between: go round again",
	Race: "a variable shared by the calls of ApplyDeposit in this process: keep everything in the bucket, where the revision orders the writers",
}

// Resume is exercise 2: resume where a killed worker left off.
var Resume = exercise.Info{
	Name:    "Resume",
	File:    "lessons/06-beyond/exercises/resume.go",
	Section: readme + "#exercise-2-resume-where-a-killed-worker-left-off",
	Hint: "keep {Next, Sum} in JSON under job.ID: Get it first (jetstream.ErrKeyNotFound: start at 0, with 0); " +
		"after each step, add its value, then Put {Next: i+1, Sum: sum}; return the step's error as it is; " +
		"at the end, Delete(ctx, job.ID) and return the sum",
	Race: "a variable shared between the steps and another goroutine: run the steps one after the other, in the function's own goroutine",
}

// Work is exercise 3: an at-least-once worker loop.
var Work = exercise.Info{
	Name:    "Work",
	File:    "lessons/06-beyond/exercises/work.go",
	Section: readme + "#exercise-3-an-at-least-once-worker-loop",
	Hint: "loop until ctx ends: msg, err := cons.Next(jetstream.FetchContext(ctx)); run it with " +
		"context.WithoutCancel(ctx), and while it runs call msg.InProgress() every AckWait/3 (a time.Ticker in a goroutine " +
		"you stop and wait for); then msg.Ack() if it succeeded, msg.Nak() if not; once ctx has ended, return nil",
	Race: "a variable shared by the heartbeat goroutine and the loop: stop the heartbeat and wait for it before the loop goes on",
}
