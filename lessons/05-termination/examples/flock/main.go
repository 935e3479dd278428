// Command flock kills a child that holds a lock. A lock the kernel keeps
// (flock) is released when its holder dies, however it dies; a lock file
// (a file made with O_EXCL) is only a file, and outlives its holder.
// Python's multiprocessing.Lock is a semaphore: its documentation warns
// that terminating a process that holds one can deadlock the others.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"syscall"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Lock is where a child takes its lock, and where it says it has.
type Lock struct {
	Path  string
	Taken *processes.Queue[bool]
}

var (
	// holdFlock takes an exclusive flock on the file and holds it until it
	// is killed.
	holdFlock = processes.Register("hold-flock", func(ctx context.Context, l Lock) (int, error) {
		f, err := os.OpenFile(l.Path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return 0, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			return 0, err
		}
		if err := l.Taken.Put(ctx, true); err != nil {
			return 0, err
		}
		select {}
	})

	// holdLockFile makes the lock file, means to remove it when done, and
	// is killed first.
	holdLockFile = processes.Register("hold-lock-file", func(ctx context.Context, l Lock) (int, error) {
		f, err := os.OpenFile(l.Path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return 0, err
		}
		f.Close()
		defer os.Remove(l.Path) // never runs: SIGKILL
		if err := l.Taken.Put(ctx, true); err != nil {
			return 0, err
		}
		select {}
	})
)

// killHolder starts fn, waits until it holds its lock, and kills it.
func killHolder(ctx context.Context, fn *processes.Func[Lock, int], path string, try func() string) {
	taken := processes.NewQueue[bool](0)
	defer taken.Close()
	p := processes.New(fn, Lock{Path: path, Taken: taken})
	if err := p.Start(ctx); err != nil {
		log.Fatal(err)
	}
	if _, err := taken.Get(ctx); err != nil {
		log.Fatal(err)
	}
	fmt.Println("  while the child holds it, we try:", try())
	if err := p.Kill(); err != nil {
		log.Fatal(err)
	}
	_, err := p.Wait(ctx)
	fmt.Println("  the child:", err)
	fmt.Println("  once it is dead, we try:", try())
}

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "flock")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	fmt.Println("a flock:")
	path := filepath.Join(dir, "flock")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		log.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	killHolder(ctx, holdFlock, path, func() string {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return "we have it"
		case errors.Is(err, syscall.EWOULDBLOCK):
			return "flock: " + err.Error() + ": it is held"
		}
		return err.Error()
	})

	fmt.Println("a lock file:")
	lockFile := filepath.Join(dir, "lock")
	killHolder(ctx, holdLockFile, lockFile, func() string {
		f, err := os.OpenFile(lockFile, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		switch {
		case err == nil:
			f.Close()
			return "we have it"
		case errors.Is(err, os.ErrExist):
			return "the lock file exists: it is held, or its holder died holding it"
		}
		return err.Error()
	})
}
