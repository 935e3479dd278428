package processes

import (
	"fmt"
	"os"
	"runtime"
	"sync/atomic"
)

// Identity is who a process is: Python's current_process().
type Identity struct {
	// Name is "MainProcess" in the program the user started, "Process-N"
	// in a child started with Start, and "PoolWorker-N" in a pool worker.
	Name string
	// PID is the operating system's process ID.
	PID int
	// Main reports whether this is the main process, not a child.
	Main bool
}

var current = Identity{Name: "MainProcess", PID: os.Getpid(), Main: true}

// Current returns this process's identity; a registered function running
// in a child sees the child's.
func Current() Identity { return current }

// CPUCount is the number of logical CPUs this process may use
// (runtime.NumCPU, which heeds the affinity mask): Python's
// os.process_cpu_count(), not cpu_count(), which counts all of the machine's.
func CPUCount() int { return runtime.NumCPU() }

// counter numbers children, as Python numbers Process-1, Process-2, ...
// across processes and pool workers alike.
var counter atomic.Int64

func nextName(prefix string) string {
	return fmt.Sprintf("%s-%d", prefix, counter.Add(1))
}
