// Command cpu-count compares Go's runtime.NumCPU with Python's CPU counts,
// on the whole machine and restricted to one CPU (taskset -c 0): NumCPU
// counts the CPUs this process may run on, Python's os.cpu_count() those
// of the machine. Python's twin of NumCPU is len(os.sched_getaffinity(0))
// (os.process_cpu_count() since Python 3.13). A notebook cell can only run
// go commands: this program runs taskset and python3, and prints what they
// say.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/gophertutor/concurrency/internal/notebook"
)

// pythonCounts prints Python's two counts.
const pythonCounts = "import os; print(os.cpu_count(), len(os.sched_getaffinity(0)))"

func main() {
	numCPU := flag.Bool("numcpu", false, "print runtime.NumCPU() and GOMAXPROCS, and exit")
	flag.Parse()
	if *numCPU { // this copy runs under taskset
		fmt.Println(runtime.NumCPU(), runtime.GOMAXPROCS(0))
		return
	}
	python, errPython := exec.LookPath("python3")
	taskset, errTaskset := exec.LookPath("taskset")
	if errPython != nil || errTaskset != nil {
		fmt.Println(notebook.SkipMarker + "this cell needs python3 and taskset (Linux's util-linux)")
		return
	}
	exe, err := os.Executable()
	if err != nil {
		fail(err)
	}
	for _, run := range []struct {
		what   string
		prefix []string // the command that runs the counts
	}{
		{"the whole machine", nil},
		{"restricted to one CPU (taskset -c 0)", []string{taskset, "-c", "0"}},
	} {
		goCounts := strings.Fields(output(append(run.prefix, exe, "-numcpu")...))
		pyCounts := strings.Fields(output(append(run.prefix, python, "-c", pythonCounts)...))
		fmt.Printf("%s:\n", run.what)
		fmt.Printf("  Go:     runtime.NumCPU() = %s, GOMAXPROCS = %s\n", goCounts[0], goCounts[1])
		fmt.Printf("  Python: os.cpu_count() = %s, len(os.sched_getaffinity(0)) = %s\n", pyCounts[0], pyCounts[1])
		fmt.Printf("  NumCPU is len(os.sched_getaffinity(0)): %v\n", goCounts[0] == pyCounts[1])
	}
}

// output runs a command and returns what it printed.
func output(cmd ...string) string {
	out, err := exec.Command(cmd[0], cmd[1:]...).Output()
	if err != nil {
		fail(fmt.Errorf("%s: %w", strings.Join(cmd, " "), err))
	}
	return string(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
