// Command no-fork sets up what Python's warning is about, a thread holding
// a lock while the program starts a child process, and shows why a Go
// program does not get into that trouble. Go has no fork without exec: a
// child is a program started afresh (os/exec, on syscall.ForkExec, which
// runs nothing but system calls between the fork and the exec), so it
// inherits no locked lock, nor anything else of the parent's memory.
package main

import (
	"fmt"
	"log"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"sync"
)

var (
	mu   sync.Mutex // held by a goroutine of the parent when the child starts
	held bool       // set by that goroutine
)

func main() {
	if os.Getenv("NO_FORK_CHILD") != "" {
		child()
		return
	}
	// The runtime's own threads (the scheduler's monitor, the garbage
	// collector's workers) exist before main's first line: a Go program is
	// never single-threaded, so a fork of it would always be the kind
	// Python warns about.
	fmt.Printf("this program had started %d OS threads before main began\n", pprof.Lookup("threadcreate").Count())

	locked, release := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		mu.Lock()
		held = true
		close(locked)
		<-release // holds mu until the child has run
		held = false
		mu.Unlock()
	})
	<-locked
	fmt.Println("a goroutine holds mu, as a Python thread holds a lock when its process forks")

	cmd := exec.Command(os.Args[0]) // this program, started again: fork and exec in one step
	cmd.Env = append(os.Environ(), "NO_FORK_CHILD=1")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("the child (pid %d) says:\n%s", cmd.Process.Pid, out)

	close(release)
	wg.Wait()
	fmt.Println("the parent's goroutine lets mu go")
}

// child runs in the child process: its mu and held are its own, as its
// program started them.
func child() {
	fmt.Println("  mu.TryLock():", mu.TryLock())
	fmt.Println("  held:", held)
	fmt.Println("  goroutines:", runtime.NumGoroutine(), "(main's: the parent's goroutines do not exist here)")
}
