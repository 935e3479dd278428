//go:build !linux

package processes

import (
	"errors"
	"os"
)

// hardMemoryLimit sets no hard limit outside Linux: this package uses
// RLIMIT_DATA only where the course measured that it caps a Go program's
// heap (lesson 04), and RLIMIT_AS counts the address space the Go runtime
// reserves and never uses. WithMemoryLimit's soft limit still applies.
func hardMemoryLimit(int64) error { return nil }

// dataMemory is Linux's VmData, which other systems do not report.
func dataMemory() (int64, error) {
	return 0, errors.New("the data memory of a process is read from Linux's /proc/self/status")
}

// peakMemory is 0 outside Linux: WithMemoryLimit sets no hard limit there
// for a child to come near.
func peakMemory(*os.ProcessState) int64 { return 0 }
