// Command queue-fifo puts three colours on a queue and takes them back off,
// first in, first out, until the queue is empty: the Python lesson's first
// Queue example.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

func main() {
	processes.RunChildIfRequested()

	q := processes.NewQueue[string](0)
	for _, colour := range []string{"red", "green", "blue"} {
		fmt.Println("put", colour)
		if err := q.Put(context.Background(), colour); err != nil {
			log.Fatal(err)
		}
	}
	for {
		colour, err := q.TryGet()
		if errors.Is(err, processes.ErrEmpty) {
			fmt.Println("the queue is empty")
			return
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("got", colour)
	}
}
