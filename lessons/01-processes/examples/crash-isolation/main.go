// Command crash-isolation runs four children that fail in four ways (a
// panic, os.Exit, a crash in a goroutine, a kill from outside) and shows
// the parent carrying on: a process's crash stays in its process.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"strings"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

var (
	// panics: the library recovers it in the child and sends it home.
	panics = processes.Register("panics", func(_ context.Context, _ int) (int, error) {
		var squares []int
		return squares[3], nil // index out of range
	})

	// exits ends the child with a status code, as a command-line tool does.
	exits = processes.Register("exits", func(_ context.Context, code int) (int, error) {
		os.Exit(code)
		return 0, nil
	})

	// crashesInAGoroutine panics where nothing recovers: in a goroutine of
	// its own. The whole child dies; the parent does not.
	crashesInAGoroutine = processes.Register("crashes", func(_ context.Context, _ int) (int, error) {
		done := make(chan int)
		go func() {
			var m map[string]int
			m["boom"]++ // assignment to entry in nil map
			done <- 0
		}()
		return <-done, nil
	})

	// hangs never returns: only a signal from outside stops it.
	hangs = processes.Register("hangs", func(ctx context.Context, _ int) (int, error) {
		select {}
	})
)

func main() {
	processes.RunChildIfRequested()

	run("a child that panics", processes.New(panics, 0), nil)
	run("a child that calls os.Exit(3)", processes.New(exits, 3), nil)
	run("a child whose goroutine crashes", processes.New(crashesInAGoroutine, 0, processes.WithStderr(io.Discard)), nil)
	run("a child that is killed", processes.New(hangs, 0), func(p *processes.Process[int]) {
		if err := p.Kill(); err != nil {
			log.Fatal(err)
		}
	})
	fmt.Println("\nfour children failed; the parent is still here, and computes 2 + 2 =", 2+2)
}

// run starts p, lets stop do something to it, waits, and describes how it
// ended: the error's type says what happened.
func run(title string, p *processes.Process[int], stop func(*processes.Process[int])) {
	fmt.Printf("\n== %s ==\n", title)
	if err := p.Start(context.Background()); err != nil {
		log.Fatal(err)
	}
	if stop != nil {
		stop(p)
	}
	_, err := p.Wait(context.Background())
	code, _ := p.ExitCode()
	var (
		pe   *processes.PanicError
		exit *processes.ExitError
	)
	switch {
	case errors.As(err, &pe):
		fmt.Printf("PanicError: %s panicked: %s\n", pe.Func, pe.Value)
		fmt.Printf("  its stack goes through %s\n", frameIn(pe.Stack, "crash-isolation/main.go"))
	case errors.As(err, &exit) && exit.Signal != 0:
		fmt.Printf("ExitError: killed by signal %d (%v)\n", int(exit.Signal), exit.Signal)
	case errors.As(err, &exit):
		fmt.Printf("ExitError: exit code %d\n", exit.Code)
		if first, _, _ := strings.Cut(strings.TrimSpace(exit.Stderr), "\n"); first != "" {
			fmt.Printf("  its stderr began: %s\n", first)
		}
	default:
		fmt.Println("unexpected:", err)
	}
	fmt.Printf("  exit code as Python reports it: %d\n", code)
}

// frameIn finds the line of the stack in file (path:line), without the
// machine's directories.
func frameIn(stack, file string) string {
	for _, line := range strings.Split(stack, "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, file); i >= 0 {
			loc, _, _ := strings.Cut(line[i:], " ")
			return loc
		}
	}
	return "(not found)"
}
