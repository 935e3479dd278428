package mixing

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"syscall"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Functions the tests run in children, registered at package level so
// that the children (this test binary started again) have them.
var (
	square = Register("test.square", func(_ context.Context, n int) (int, error) { return n * n, nil })

	// where says which child and goroutine ran the item.
	where = Register("test.where", func(ctx context.Context, _ int) (Worker, error) { return Current(ctx), nil })

	// threads reports the child's GOMAXPROCS.
	threads = Register("test.threads", func(_ context.Context, _ int) (int, error) { return runtime.GOMAXPROCS(0), nil })

	// faulty squares n, but fails on 13, panics on 666, exits its process
	// with code 3 on -1 and kills it on -9.
	faulty = Register("test.faulty", func(_ context.Context, n int) (int, error) {
		switch n {
		case 13:
			return 0, fmt.Errorf("13 is unlucky")
		case 666:
			panic("the number of the beast")
		case -1:
			os.Exit(3)
		case -9:
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
		return n * n, nil
	})

	// crashes starts a goroutine of its own that panics, which nothing can
	// recover: the whole child dies.
	crashes = Register("test.crashes", func(_ context.Context, n int) (int, error) {
		done := make(chan int)
		go func() {
			var m map[int]int
			m[n]++ // assignment to entry in nil map
			done <- n
		}()
		return <-done, nil
	})

	// gated reports its arrival, then waits for the gate to open.
	gated = Register("test.gated", func(ctx context.Context, g gate) (Worker, error) {
		if err := g.Arrived.Put(ctx, Current(ctx)); err != nil {
			return Worker{}, err
		}
		return Current(ctx), g.Open.Wait(ctx)
	})

	// untilCancelled waits for its context, and says so.
	untilCancelled = Register("test.untilcancelled", func(ctx context.Context, _ int) (int, error) {
		<-ctx.Done()
		return 0, fmt.Errorf("stopped: %w", ctx.Err())
	})

	// hog keeps mib MiB alive, a MiB at a time, every page touched.
	hog = Register("test.hog", func(_ context.Context, mib int) (int, error) {
		var held [][]byte
		for range mib {
			b := make([]byte, 1<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1
			}
			held = append(held, b)
		}
		return len(held), nil
	})

	// unsendable returns a result gob cannot encode: a nil pointer in a slice.
	unsendable = Register("test.unsendable", func(_ context.Context, n int) ([]*int, error) {
		if n == 0 {
			return []*int{nil}, nil
		}
		return []*int{&n}, nil
	})
)

// gate holds items until the test opens it.
type gate struct {
	Arrived *processes.Queue[Worker]
	Open    *processes.Event
}
