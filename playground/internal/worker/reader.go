package worker

import (
	"os"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// received is one message from the supervisor, or why there are no more.
type received struct {
	msg wire.Message
	err error
}

// startReader starts the goroutine that reads requests; it ends when the
// pipe fails or closes, after passing on the error.
func startReader(f *os.File) <-chan received {
	incoming := make(chan received)
	spawn(func() {
		rd := wire.NewReader(f)
		for {
			m, err := rd.Next()
			incoming <- received{msg: m, err: err}
			if err != nil {
				return
			}
		}
	})
	return incoming
}
