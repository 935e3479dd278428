// Command python-costs measures what Python's concurrent.futures costs per
// task on this machine, with python3, for the comparison with the Go
// benchmarks of lesson 03: ThreadPoolExecutor(2).map, and
// ProcessPoolExecutor(2).map with chunksize 1 and 256. A notebook cell can
// only run go commands: this program runs python3 and prints what it
// measured (python3 costs.py, in this folder, prints the same).
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

// costs is the Python program.
//
//go:embed costs.py
var costs string

func main() {
	python, err := exec.LookPath("python3")
	if err != nil {
		fmt.Println(notebook.SkipMarker + "python3 is not installed: this cell measures Python's concurrent.futures")
		return
	}
	// A file, not python3 -c: a process pool's workers (spawn or forkserver,
	// the defaults of Python 3.14) import the main module again.
	dir, err := os.MkdirTemp("", "python-costs")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "costs.py")
	if err := os.WriteFile(script, []byte(costs), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := exec.Command(python, script).Output()
	if err != nil {
		fmt.Fprintf(os.Stderr, "python3: %v\n", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	fmt.Print(strings.TrimRight(string(out), "\n") + "\n")
}
