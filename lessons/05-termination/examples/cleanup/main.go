// Command cleanup ends a child process each way a process ends, and shows
// what each way skips. The child makes a scratch file and defers removing
// it, works a step a millisecond, and keeps its steps in memory: a deferred
// call that ran removed the file, and steps that came back were saved.
// os.Exit, SIGTERM that the child does not handle, and SIGKILL skip the
// deferred calls; a SIGTERM handler that cancels the context
// (signal.NotifyContext) lets the child stop as if asked.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// How is how the child ends.
type How int

// The ways a child ends.
const (
	Returns     How = iota // it finishes its 5 steps and returns
	Panics                 // it panics after 5 steps
	Exits                  // it calls os.Exit(1) after 5 steps (log.Fatal does the same)
	DiesOnTerm             // the parent sends SIGTERM, which it does not handle
	HandlesTerm            // the parent sends SIGTERM, which cancels its context
	Killed                 // the parent sends SIGKILL
)

var names = []string{"returns", "panics", "calls os.Exit(1)", "SIGTERM, not handled", "SIGTERM, signal.NotifyContext", "SIGKILL"}

// Job is the child's task.
type Job struct {
	How     How
	Scratch string
	Ready   *processes.Queue[int]
}

// Steps is what the child did.
type Steps struct{ Done int }

var job = processes.Register("job", func(ctx context.Context, j Job) (Steps, error) {
	if j.How == HandlesTerm {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, syscall.SIGTERM)
		defer stop()
	}
	if err := os.WriteFile(j.Scratch, nil, 0o600); err != nil {
		return Steps{}, err
	}
	defer os.Remove(j.Scratch) // the cleanup
	var s Steps
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return s, nil // stopped: the steps done so far are saved
		case <-tick.C:
		}
		s.Done++
		if s.Done < 5 {
			continue
		}
		switch j.How {
		case Returns:
			return s, nil
		case Panics:
			panic("after 5 steps")
		case Exits:
			os.Exit(1)
		}
		if s.Done == 5 {
			if err := j.Ready.Put(ctx, os.Getpid()); err != nil { // ready to be stopped
				return s, err
			}
		}
	}
})

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "cleanup")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ready := processes.NewQueue[int](0)
	defer ready.Close()

	fmt.Printf("%-30s  %-15s  %-11s  %s\n", "the child", "deferred calls", "its steps", "exit code")
	for how := Returns; how <= Killed; how++ {
		scratch := filepath.Join(dir, fmt.Sprint("scratch-", how))
		p := processes.New(job, Job{How: how, Scratch: scratch, Ready: ready}, processes.WithStderr(io.Discard))
		if err := p.Start(ctx); err != nil {
			log.Fatal(err)
		}
		switch how {
		case DiesOnTerm, HandlesTerm:
			if _, err := ready.Get(ctx); err != nil {
				log.Fatal(err)
			}
			err = p.Terminate()
		case Killed:
			if _, err := ready.Get(ctx); err != nil {
				log.Fatal(err)
			}
			err = p.Kill()
		}
		if err != nil {
			log.Fatal(err)
		}
		steps, err := p.Wait(ctx)
		deferred := "ran"
		if _, statErr := os.Stat(scratch); !errors.Is(statErr, os.ErrNotExist) {
			deferred = "skipped"
		}
		saved := "saved"
		if err != nil || steps.Done < 5 {
			saved = "lost"
		}
		code, _ := p.ExitCode()
		fmt.Printf("%-30s  %-15s  %-11s  %d\n", names[how], deferred, saved, code)
	}
}
