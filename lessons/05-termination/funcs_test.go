package termination_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sync"
	"syscall"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Functions the tests run in children, registered at package level so
// that the children (this test binary started again) have them.
var (
	// holdLock takes an exclusive flock on the file, says so, and holds it
	// until it dies.
	holdLock = processes.Register("test.holdlock", func(ctx context.Context, h Holder) (int, error) {
		f, err := os.OpenFile(h.Path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return 0, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			return 0, fmt.Errorf("flock: %w", err)
		}
		if err := h.Ready.Put(ctx, os.Getpid()); err != nil {
			return 0, err
		}
		select {}
	})

	// makeLockFile creates the file with O_EXCL, the lock file way, says
	// so, and waits until it dies.
	makeLockFile = processes.Register("test.lockfile", func(ctx context.Context, h Holder) (int, error) {
		f, err := os.OpenFile(h.Path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return 0, err
		}
		defer os.Remove(h.Path) // never runs: it is killed
		f.Close()
		if err := h.Ready.Put(ctx, os.Getpid()); err != nil {
			return 0, err
		}
		select {}
	})

	// holdForever says its pid and waits until it dies.
	holdForever = processes.Register("test.holdforever", func(ctx context.Context, ready *processes.Queue[int]) (int, error) {
		if err := ready.Put(ctx, os.Getpid()); err != nil {
			return 0, err
		}
		select {}
	})

	// parentOfGrandchild starts a child of its own, which says its pid,
	// and waits for it.
	parentOfGrandchild = processes.Register("test.grandparent", func(ctx context.Context, ready *processes.Queue[int]) (int, error) {
		p := processes.New(holdForever, ready)
		if err := p.Start(ctx); err != nil {
			return 0, err
		}
		return p.Wait(ctx)
	})

	// exitMidway makes its scratch file, defers removing it, and calls
	// os.Exit(1); panicMidway panics instead.
	exitMidway = processes.Register("test.exitmidway", func(_ context.Context, scratch string) (int, error) {
		if err := os.WriteFile(scratch, nil, 0o600); err != nil {
			return 0, err
		}
		defer os.Remove(scratch)
		os.Exit(1)
		return 0, nil
	})
	panicMidway = processes.Register("test.panicmidway", func(_ context.Context, scratch string) (int, error) {
		if err := os.WriteFile(scratch, nil, 0o600); err != nil {
			return 0, err
		}
		defer os.Remove(scratch)
		panic("midway")
	})

	// putBig puts big items on the queue, one after the other, until it
	// dies: item i is itemSize bytes, each of them i.
	putBig = processes.Register("test.putbig", func(ctx context.Context, q *processes.Queue[[]byte]) (int, error) {
		var wg sync.WaitGroup
		for g := range 4 { // four putters: one writes while the others encode
			wg.Go(func() {
				for i := g; ; i += 4 {
					if q.Put(ctx, bytes.Repeat([]byte{byte(i)}, itemSize)) != nil {
						return
					}
				}
			})
		}
		wg.Wait()
		return 0, nil
	})

	// sendBig returns a big result.
	sendBig = processes.Register("test.sendbig", func(context.Context, int) ([]byte, error) {
		return bytes.Repeat([]byte{7}, 8*itemSize), nil
	})
)

// itemSize is the size of putBig's items: many times a pipe's buffer, so
// that most of a putter's time goes into writing them.
const itemSize = 1 << 20

// Holder is where a lock holder takes its lock, and where it says it has.
type Holder struct {
	Path  string
	Ready *processes.Queue[int]
}
