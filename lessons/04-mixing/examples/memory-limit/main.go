// Command memory-limit runs three jobs in three child processes of 64 MiB
// each (processes.WithMemoryLimit). Two need 16 MiB; the third leaks, and
// its child dies of it at its limit, while the other two finish.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Job is how much memory a job keeps, in MiB; a leak keeps taking more.
type Job struct {
	MiB  int
	Leak bool
}

// run keeps the job's memory, a MiB at a time, every page touched (a leak
// stops at 1 GiB, should no limit hold it).
var run = processes.Register("run", func(_ context.Context, j Job) (int, error) {
	var kept [][]byte
	for len(kept) < j.MiB || (j.Leak && len(kept) < 1024) {
		b := make([]byte, 1<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		kept = append(kept, b)
	}
	return len(kept), nil
})

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()
	jobs := []Job{{MiB: 16}, {Leak: true}, {MiB: 16}}
	var children []*processes.Process[int]
	for _, j := range jobs {
		p := processes.New(run, j, processes.WithMemoryLimit(64<<20),
			processes.WithStderr(io.Discard)) // a child that dies prints its crash report there; the error keeps it
		if err := p.Start(ctx); err != nil {
			log.Fatal(err)
		}
		children = append(children, p)
	}
	for i, p := range children {
		mib, err := p.Wait(ctx)
		var exit *processes.ExitError
		switch {
		case errors.As(err, &exit):
			fmt.Printf("job %d: %s died: out of memory: %v, exit code %d, its limit %d MiB\n",
				i, exit.Name, exit.OutOfMemory(), exit.Code, exit.MemoryLimit>>20)
		case err != nil:
			log.Fatal(err)
		default:
			fmt.Printf("job %d: %s kept %d MiB and finished\n", i, p.Name(), mib)
		}
	}
	fmt.Println("this process is still here; it had no limit")
}
