// Command python-fork runs the course's Python program about fork and
// threads with python3: a thread holds a lock while a child process is
// started with each of Python's start methods, and each child tries to take
// the lock. A notebook cell can only run go commands: this program runs
// python3 and prints what each child found (python3 fork_lock.py, in this
// folder, prints it too, with how long each child took).
package main

import (
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gophertutor/concurrency/internal/notebook"
)

// forkLock is the Python program.
//
//go:embed fork_lock.py
var forkLock string

func main() {
	python, err := exec.LookPath("python3")
	if err != nil {
		fmt.Println(notebook.SkipMarker + "python3 is not installed: this cell runs Python's fork with a lock held")
		return
	}
	// A file, not python3 -c: a spawned child imports the main module again.
	dir, err := os.MkdirTemp("", "python-fork")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "fork_lock.py")
	if err := os.WriteFile(script, []byte(forkLock), 0o644); err != nil {
		fail(err)
	}
	out, err := exec.Command(python, "-u", script).Output()
	if err != nil {
		os.RemoveAll(dir)
		fail(fmt.Errorf("python3: %w", err))
	}
	method := ""
	for line := range strings.Lines(string(out)) {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "Python "):
			version, _, _ := strings.Cut(line, ",")
			fmt.Println(version)
		case line == "a thread holds the lock":
			fmt.Println("a thread holds the lock; a child is started with each start method:")
		case strings.HasSuffix(line, ":") && !strings.Contains(line, " "):
			method = strings.TrimSuffix(line, ":")
		case strings.HasPrefix(line, "child: "):
			fmt.Printf("  %-11s the child's %s\n", method+":", strings.TrimPrefix(line, "child: "))
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
