// Command chdir runs three tasks that each need their own working
// directory: each changes into its directory (os.Chdir) and writes a note
// there by a relative path. On goroutines they share the process's one
// working directory, and the notes land where the last os.Chdir pointed;
// in child processes each has its own. A barrier makes the goroutines' race
// certain: every goroutine has changed directory before any writes.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"sync"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Task is a directory and the note to write in it.
type Task struct {
	Dir  string
	Note string
}

// writeNote changes into the task's directory and writes the note there,
// by a relative path.
func writeNote(t Task) error {
	if err := os.Chdir(t.Dir); err != nil {
		return err
	}
	return os.WriteFile(t.Note+".txt", []byte(t.Note), 0o644)
}

// inChild is writeNote in a child process: its working directory is its own.
var inChild = processes.Register("writeNote", func(_ context.Context, t Task) (struct{}, error) {
	return struct{}{}, writeNote(t)
})

func main() {
	processes.RunChildIfRequested()
	root, err := os.MkdirTemp("", "chdir")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(root)
	here, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	tasks := func(run string) []Task {
		var ts []Task
		for _, name := range []string{"a", "b", "c"} {
			dir := filepath.Join(root, run, name)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				log.Fatal(err)
			}
			ts = append(ts, Task{Dir: dir, Note: name})
		}
		return ts
	}

	fmt.Println("== goroutines: one working directory for all of them ==")
	ts := tasks("goroutines")
	var changed, wg sync.WaitGroup
	changed.Add(len(ts))
	for _, t := range ts {
		wg.Go(func() {
			if err := os.Chdir(t.Dir); err != nil {
				log.Fatal(err)
			}
			changed.Done()
			changed.Wait() // every goroutine has changed directory
			if err := os.WriteFile(t.Note+".txt", []byte(t.Note), 0o644); err != nil {
				log.Fatal(err)
			}
		})
	}
	wg.Wait()
	report(root, ts)
	if err := os.Chdir(here); err != nil { // this process's directory was changed too
		log.Fatal(err)
	}

	fmt.Println("\n== child processes: a working directory each ==")
	ts = tasks("processes")
	var children []*processes.Process[struct{}]
	for _, t := range ts {
		p := processes.New(inChild, t)
		if err := p.Start(context.Background()); err != nil {
			log.Fatal(err)
		}
		children = append(children, p)
	}
	for _, p := range children {
		if _, err := p.Wait(context.Background()); err != nil {
			log.Fatal(err)
		}
	}
	report(root, ts)
	now, _ := os.Getwd()
	fmt.Println("this process's working directory is unchanged:", now == here)
}

// report says which notes each directory got. On goroutines, which
// directory gets all of them depends on which os.Chdir came last.
func report(root string, ts []Task) {
	full := 0
	for _, t := range ts {
		entries, err := os.ReadDir(t.Dir)
		if err != nil {
			log.Fatal(err)
		}
		var notes []string
		for _, e := range entries {
			notes = append(notes, e.Name())
		}
		sort.Strings(notes)
		if len(notes) > 0 {
			full++
		}
		if len(notes) == 1 && notes[0] == t.Note+".txt" {
			fmt.Printf("%s holds its own note, %s\n", t.Note, notes[0])
		}
	}
	if full < len(ts) {
		fmt.Printf("all %d notes are in one directory, whichever os.Chdir came last; %d directories are empty\n", len(ts), len(ts)-full)
	}
}
