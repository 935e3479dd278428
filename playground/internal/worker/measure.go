package worker

import (
	"syscall"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// measure runs f and returns its wall time and the CPU time the worker
// process used meanwhile (all its threads: the garbage collector and the
// deadlock detector count too), for :time.
func measure(f func()) wire.Stats {
	user0, sys0 := cpuTimes()
	start := time.Now()
	f()
	wall := time.Since(start)
	user1, sys1 := cpuTimes()
	return wire.Stats{WallNs: int64(wall), UserNs: int64(user1 - user0), SysNs: int64(sys1 - sys0)}
}

// cpuTimes returns the CPU time the worker process has used so far, in
// user and kernel mode.
func cpuTimes() (user, sys time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}
