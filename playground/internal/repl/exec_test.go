package repl

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSyscallExecInACellSaysTheWorkerBecameAnotherProgram: a cell's
// syscall.Exec replaces the worker; the REPL says so (not that os.Exit
// ended it), with the other program's output and end, and goes on in a
// new worker.
func TestSyscallExecInACellSaysTheWorkerBecameAnotherProgram(t *testing.T) {
	out, status := session(t,
		`import ("os"; "syscall")`,
		`x := 1`,
		`syscall.Exec("/bin/sh", []string{"sh", "-c", "echo replaced; exit 3"}, os.Environ())`,
		`x + 1`,
	)
	assert.Equal(t, 1, status)
	assert.Equal(t, "replaced\n\n"+
		"syscall.Exec replaced the worker process with /bin/sh, which has ended (exit status 3): a process that execs\n"+
		"becomes the other program, and does not come back.\n"+
		"Started a new worker and replayed your 2 declarations; the old worker's goroutines and values are gone.\n"+
		"2 // int\n", out)
	assert.NotContains(t, out, "os.Exit")
}
