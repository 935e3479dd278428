// Command torn kills children in the middle of what they send their
// parent, at random moments: a child putting big items on a queue, and a
// child sending a big result. Python warns that a process terminated while
// it uses a queue can leave the queue corrupted for everyone. Here the
// parent never gets a torn item or part of a result, the queue goes on,
// and nothing hangs: each child has a pipe of its own, and a message
// counts only once it has arrived whole.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"sync"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Item is what the putters put: N, and itemSize bytes that all equal N.
type Item struct {
	N    int
	Data []byte
}

const itemSize = 1 << 20

var window = 80 * time.Millisecond // about as long as making and sending the result takes

// putItems puts items on the queue from four goroutines, one writing while
// the others encode, until it is killed.
var putItems = processes.Register("put-items", func(ctx context.Context, q *processes.Queue[Item]) (int, error) {
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for n := g; q.Put(ctx, Item{N: n, Data: bytes.Repeat([]byte{byte(n)}, itemSize)}) == nil; n += 4 {
			}
		})
	}
	wg.Wait()
	return 0, nil
})

// bigResult says it has started, then returns 8 MiB.
var bigResult = processes.Register("big-result", func(ctx context.Context, started *processes.Queue[int]) ([]byte, error) {
	if err := started.Put(ctx, 1); err != nil {
		return nil, err
	}
	return bytes.Repeat([]byte{7}, 8*itemSize), nil
})

// whole reports whether an item is all there.
func whole(it Item) bool {
	return len(it.Data) == itemSize && bytes.Equal(it.Data, bytes.Repeat([]byte{byte(it.N)}, itemSize))
}

// pause is a random moment to kill at: chance, not a wait for something.
func pause(max time.Duration) { time.Sleep(rand.N(max)) }

func main() {
	processes.RunChildIfRequested()
	kills := flag.Int("kills", 20, "how many children to kill, each way")
	flag.Parse()
	ctx := context.Background()

	q := processes.NewQueue[Item](0)
	cut := 0
	for range *kills {
		p := processes.New(putItems, q)
		if err := p.Start(ctx); err != nil {
			log.Fatal(err)
		}
		first, err := q.Get(ctx) // it is putting
		if err != nil || !whole(first) {
			log.Fatal("the first item: ", err)
		}
		pause(20 * time.Millisecond)
		if err := p.Kill(); err != nil {
			log.Fatal(err)
		}
		_, err = p.Wait(ctx)
		var exit *processes.ExitError
		if !errors.As(err, &exit) {
			log.Fatal("a killed child: ", err)
		}
		if exit.CutShort() {
			cut++
		}
	}
	got, torn := 0, 0
	for {
		it, err := q.TryGet()
		if errors.Is(err, processes.ErrEmpty) {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		got++
		if !whole(it) {
			torn++
		}
	}
	fmt.Printf("killed a child putting 1 MiB items %d times: %d of the kills cut a message short\n", *kills, cut)
	fmt.Printf("the queue got %d more items\n", got)
	fmt.Println("torn items handed out:", torn)
	err := q.Put(ctx, Item{N: 1, Data: bytes.Repeat([]byte{1}, itemSize)})
	it, err2 := q.Get(ctx)
	fmt.Println("and it goes on: a put and a get after the kills:", errors.Join(err, err2), whole(it))
	if err := q.Close(); err != nil {
		log.Fatal(err)
	}

	results, cuts, none, partial := 0, 0, 0, 0
	started := processes.NewQueue[int](0)
	defer started.Close()
	for range *kills {
		p := processes.New(bigResult, started)
		if err := p.Start(ctx); err != nil {
			log.Fatal(err)
		}
		if _, err := started.Get(ctx); err != nil {
			log.Fatal(err)
		}
		pause(window)
		if err := p.Kill(); err != nil {
			log.Fatal(err)
		}
		v, err := p.Wait(ctx)
		var exit *processes.ExitError
		switch {
		case err == nil && len(v) == 8*itemSize:
			results++ // the kill came after
		case err == nil || v != nil:
			partial++
		case errors.As(err, &exit) && exit.CutShort():
			cuts++
		default:
			none++
		}
	}
	fmt.Printf("killed a child sending an 8 MiB result %d times: %d results came whole, %d were cut short, %d kills came before it sent\n",
		*kills, results, cuts, none)
	fmt.Println("parts of a result handed out:", partial)
}
