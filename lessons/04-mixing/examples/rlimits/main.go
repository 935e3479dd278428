// Command rlimits measures which of the kernel's memory limits caps a Go
// child's heap: RLIMIT_AS (address space) or RLIMIT_DATA (data memory:
// private writable mappings, where the heap lives). Each child sets one
// limit on itself, to 256 MiB, or to 256 MiB above what it has as it
// starts, then grows its heap 8 MiB at a time, reporting each step to the
// parent through a queue, until the kernel refuses it memory and it dies.
// Linux only: the child reads its sizes from /proc/self/status.
package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"strconv"
	"syscall"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Trial is one child's limit, and the queues it reports on.
type Trial struct {
	Limit    string                     // "RLIMIT_AS" or "RLIMIT_DATA"
	Relative bool                       // 256 MiB above what it has as it starts, not 256 MiB
	Steps    *processes.Queue[int]      // its heap in MiB, step by step
	Sizes    *processes.Queue[[3]int64] // VmSize, VmData and VmRSS as it started
}

const step = 8 << 20

var held [][]byte

// grow sets the limit on its own process, then allocates until it dies
// (or 2 GiB, to stop somewhere should no limit hold).
var grow = processes.Register("grow", func(ctx context.Context, t Trial) (int, error) {
	size, data := status("VmSize"), status("VmData")
	if err := t.Sizes.Put(ctx, [3]int64{size, data, status("VmRSS")}); err != nil {
		return 0, err
	}
	resource, now := syscall.RLIMIT_AS, size
	if t.Limit == "RLIMIT_DATA" {
		resource, now = syscall.RLIMIT_DATA, data
	}
	limit := uint64(256 << 20)
	if t.Relative {
		limit += uint64(now)
	}
	if err := syscall.Setrlimit(resource, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		return 0, err
	}
	for len(held)*step < 2<<30 {
		b := make([]byte, step)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		held = append(held, b)
		if err := t.Steps.Put(ctx, len(held)*step>>20); err != nil {
			return 0, err
		}
	}
	return len(held) * step >> 20, nil
})

// status reads a size (in bytes) from /proc/self/status.
func status(key string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := bytes.CutPrefix(s.Bytes(), []byte(key+":")); ok {
			kb, _ := strconv.ParseInt(string(bytes.Fields(rest)[0]), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()
	for i, trial := range []Trial{{Limit: "RLIMIT_AS"}, {Limit: "RLIMIT_AS", Relative: true}, {Limit: "RLIMIT_DATA"}, {Limit: "RLIMIT_DATA", Relative: true}} {
		trial.Steps, trial.Sizes = processes.NewQueue[int](0), processes.NewQueue[[3]int64](0)
		p := processes.New(grow, trial, processes.WithStderr(io.Discard)) // it dies of it: its crash report is not the point
		if err := p.Start(ctx); err != nil {
			log.Fatal(err)
		}
		_, err := p.Wait(ctx)
		sizes, _ := trial.Sizes.TryGet()
		heap := 0
		for {
			n, err := trial.Steps.TryGet()
			if err != nil {
				break
			}
			heap = n
		}
		if i == 0 {
			fmt.Printf("a child starts with %d MiB of address space and %d MiB of data memory; %d MiB are in RAM\n",
				sizes[0]>>20, sizes[1]>>20, sizes[2]>>20)
		}
		what := "256 MiB"
		if trial.Relative {
			what = "what it starts with + 256 MiB"
		}
		fmt.Printf("%-11s = %-31s ", trial.Limit, what+":")
		if heap == 0 {
			fmt.Print("it could not grow its heap at all")
		} else {
			fmt.Printf("its heap grew to %d MiB", heap)
		}
		if exit, ok := err.(*processes.ExitError); ok {
			// The Go runtime's fatal error, most often "out of memory"; at
			// the very edge of memory, sometimes a fault of its own.
			fmt.Printf(", then the runtime ended it (exit code %d)", exit.Code)
		}
		fmt.Println()
		_ = trial.Steps.Close()
		_ = trial.Sizes.Close()
	}
}
