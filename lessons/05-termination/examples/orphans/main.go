// Command orphans kills a child that has a child of its own. Python's
// documentation says of terminate() that "descendant processes of the
// process will not be terminated – they will simply become orphaned". A
// child started with lesson 01's processes never outlives its parent: the
// grandchild reads end-of-file on its pipe from its dead parent, and
// exits. It holds a flock while it lives, so the program sees the moment
// it is gone: the lock comes free.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"syscall"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Family is where the grandchild takes its lock and tells its pid.
type Family struct {
	Lock string
	PIDs *processes.Queue[int]
}

var (
	// grandchild takes the lock, says its pid, and works for ever.
	grandchild = processes.Register("grandchild", func(ctx context.Context, f Family) (int, error) {
		file, err := os.OpenFile(f.Lock, os.O_RDWR, 0)
		if err != nil {
			return 0, err
		}
		if err := syscall.Flock(int(file.Fd()), syscall.LOCK_EX); err != nil {
			return 0, err
		}
		if err := f.PIDs.Put(ctx, os.Getpid()); err != nil {
			return 0, err
		}
		select {}
	})

	// child starts the grandchild and waits for it.
	child = processes.Register("child", func(ctx context.Context, f Family) (int, error) {
		p := processes.New(grandchild, f)
		if err := p.Start(ctx); err != nil {
			return 0, err
		}
		return p.Wait(ctx)
	})
)

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "orphans")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	lock := filepath.Join(dir, "lock")
	if err := os.WriteFile(lock, nil, 0o600); err != nil {
		log.Fatal(err)
	}
	pids := processes.NewQueue[int](0)
	defer pids.Close()

	p := processes.New(child, Family{Lock: lock, PIDs: pids})
	if err := p.Start(ctx); err != nil {
		log.Fatal(err)
	}
	gc, err := pids.Get(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("the child (pid %d) started a grandchild (pid %d), which holds the lock\n", p.PID(), gc)
	killed := time.Now()
	if err := p.Kill(); err != nil {
		log.Fatal(err)
	}
	_, err = p.Wait(ctx)
	fmt.Println("the child:", err)

	f, err := os.Open(lock)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	free := make(chan error, 1)
	go func() { free <- syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }() // waits for the grandchild's lock
	select {
	case err := <-free:
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("the grandchild (pid %d) was gone %v after its parent was killed: the lock came free\n",
			gc, time.Since(killed).Round(100*time.Microsecond))
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(gc, syscall.SIGKILL)
		log.Fatalf("the grandchild (pid %d) still held the lock 10 s after its parent was killed: orphaned", gc)
	}
}
