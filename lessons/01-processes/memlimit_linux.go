package processes

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// hardMemoryLimit caps this process's data memory (RLIMIT_DATA: its
// private writable mappings, which is where the Go heap lives) at what it
// has now plus limit. What a Go program maps as it starts (tens of
// megabytes, mostly never touched; hundreds under the race detector) is not
// counted against the limit. RLIMIT_AS would count the address space the
// runtime reserves and does not use, a gigabyte and more: a Go program
// under a small RLIMIT_AS cannot grow its heap at all.
func hardMemoryLimit(limit int64) error {
	now, err := dataMemory()
	if err != nil {
		return err
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &rl); err != nil {
		return fmt.Errorf("read RLIMIT_DATA: %w", err)
	}
	want := uint64(now) + uint64(limit)
	if want > rl.Max {
		want = rl.Max // it cannot be raised, only lowered
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: want, Max: want}); err != nil {
		return fmt.Errorf("set RLIMIT_DATA to %d bytes: %w", want, err)
	}
	return nil
}

// dataMemory is the size of this process's data memory, what RLIMIT_DATA
// counts: the VmData line of /proc/self/status.
func dataMemory() (int64, error) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, fmt.Errorf("read the data memory of this process: %w", err)
	}
	for line := range bytes.Lines(status) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmData:")); ok {
			f := bytes.Fields(rest) // "12345", "kB"
			if len(f) == 2 {
				if kb, err := strconv.ParseInt(string(f[0]), 10, 64); err == nil {
					return kb << 10, nil
				}
			}
		}
	}
	return 0, fmt.Errorf("read the data memory of this process: no VmData line in /proc/self/status")
}

// peakMemory is an exited child's peak resident memory in bytes (its
// rusage's maxrss, which Linux counts in kilobytes), or 0.
func peakMemory(state *os.ProcessState) int64 {
	if ru, ok := state.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10
	}
	return 0
}
