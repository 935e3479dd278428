package worker

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"time"
)

// startedBefore reports whether process pid was started before the cell
// that began ago, by more than the kernel's clock resolution: a process an earlier cell made (a pool's idle worker), which
// the looks of the cells since may never have listed. It is false where
// /proc cannot tell.
func startedBefore(pid int, ago time.Duration) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	uptime, err := os.ReadFile("/proc/uptime")
	if err != nil {
		return false
	}
	// "pid (comm) S ppid ...": field 22, the start time in clock ticks
	// since boot, is the 20th after the last ')'.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return false
	}
	fields := bytes.Fields(stat[i+1:])
	if len(fields) < 20 {
		return false
	}
	ticks, err := strconv.ParseFloat(string(fields[19]), 64)
	if err != nil {
		return false
	}
	up := bytes.Fields(uptime)
	if len(up) == 0 {
		return false
	}
	now, err := strconv.ParseFloat(string(up[0]), 64)
	if err != nil {
		return false
	}
	const tick = 0.01 // USER_HZ is 100 on Linux
	originSinceBoot := now - ago.Seconds()
	return ticks*tick < originSinceBoot-2*tick
}
