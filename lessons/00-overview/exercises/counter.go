package exercises

import "github.com/gophertutor/concurrency/lessons/internal/exercise"

// Counter is exercise 3: a counter that many goroutines can increment at
// the same time without losing a single increment. Its zero value is a
// counter at 0. Add the fields it needs, and write both methods.
type Counter struct {
	n int
}

// Inc adds one to the counter. Many goroutines call it at once.
func (c *Counter) Inc() {
	exercise.TODO() // replace this line with your answer
	c.n++
}

// Value returns the count, while other goroutines may be calling Inc.
func (c *Counter) Value() int {
	exercise.TODO() // replace this line with your answer
	return c.n
}
