// Package children lists the child processes of the running program, so
// tests can prove that no child outlives its test: not a running one, and
// not a zombie (a child that exited but that nobody waited for).
package children

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// Child is one child process of this program.
type Child struct {
	PID int
	// State is the kernel's one-letter state: R running, S sleeping,
	// Z zombie (exited, never waited for), T stopped, ...
	State string
	// Command is the process's name or command line.
	Command string
}

// Zombie reports whether the child has exited but was never waited for.
func (c Child) Zombie() bool { return strings.HasPrefix(c.State, "Z") }

func (c Child) String() string {
	what := "still running"
	if c.Zombie() {
		what = "exited but never waited for (a zombie)"
	}
	return fmt.Sprintf("pid %d %s: %s", c.PID, c.Command, what)
}

// ErrUnsupported is returned where this package cannot list processes.
var ErrUnsupported = errors.New("listing child processes is not supported on this system")

// List returns the direct children of this process.
func List() ([]Child, error) {
	return list(osGetpid())
}

// Describe formats children for a failure message, one per line.
func Describe(cs []Child) string {
	lines := make([]string, len(cs))
	for i, c := range cs {
		lines[i] = "    " + c.String()
	}
	return strings.Join(lines, "\n")
}

// Reap kills the given children and waits for them, so that a failed test
// leaves no process behind.
func Reap(cs []Child) {
	for _, c := range cs {
		p, err := os.FindProcess(c.PID)
		if err != nil {
			continue
		}
		_ = p.Kill()
		_, _ = p.Wait()
	}
}
