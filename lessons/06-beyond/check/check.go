// Package check holds the checks of lesson 06's exercises. The learner's
// stubs (lessons/06-beyond/exercises) and the reference solutions
// (solutions/06-beyond) run the same checks; the _test.go files show each
// check rejecting the classic wrong answers.
//
// Every check runs a NATS server with JetStream inside the test binary
// (loopback, a random port, a temporary store) and hands the learner's
// code the real thing wrapped in a spy: a key-value bucket whose calls the
// check sees, holds at a barrier, or fails from a chosen call on, as if
// the worker had died there; a consumer whose messages report every Ack,
// Nak and InProgress. The checks prove what they claim by structure, not
// by the clock: two deposits are held after their reads until both have
// read, a crash falls between two writes because the spy fails every call
// after the first write, a job dies in the step the check chooses, and a
// long run is held until the server has been told it is still going, or
// has given the message to someone else.
package check

import (
	"github.com/gophertutor/concurrency/lessons/06-beyond/check/catalog"
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// All lists the lesson's exercises in order.
func All() []exercise.Info {
	return catalog.All()
}

// Main is the TestMain of lesson 06's exercise and solution packages: it
// runs the tests, and fails the package if a test left a goroutine, a
// child process or a listening socket (a NATS server not shut down)
// behind.
func Main(m *testing.M) { lessontest.MainNoListeners(m) }
