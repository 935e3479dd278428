// Command processes is multiprocessing.py: the squares and the cubes each in
// a child process, side by side. Go cannot fork a running program, so a
// child is this same program started again, told by its environment which
// task to run; it sends its results back to the parent over a pipe.
package main

import (
	"encoding/gob"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
)

// taskEnv, in a child's environment, names the task it runs.
const taskEnv = "PROCESSES_TASK"

// report is what a child sends its parent: its results, and when it
// worked on each number (wall-clock times, which parent and child share).
type report struct {
	Task    string
	PID     int
	Results []int
	Starts  []time.Time
	Ends    []time.Time
}

var delay = flag.Duration("delay", 200*time.Millisecond, "pause before each number")

// runChild is what a child does: calc_square or calc_cube, then the report
// to its file descriptor 3, the pipe the parent passed as ExtraFiles[0].
func runChild(task string) {
	numbers := []int{2, 3, 8, 9}
	rep := report{Task: task, PID: os.Getpid()}
	if task == "square" {
		fmt.Println("calculate square numbers")
	} else {
		fmt.Println("calculate cube of numbers")
	}
	for _, n := range numbers {
		r := n * n
		if task == "cube" {
			r *= n
		}
		rep.Starts = append(rep.Starts, time.Now())
		time.Sleep(*delay)
		fmt.Printf("%s: %d\n", task, r)
		rep.Ends = append(rep.Ends, time.Now())
		rep.Results = append(rep.Results, r)
	}
	if err := gob.NewEncoder(os.NewFile(3, "results")).Encode(rep); err != nil {
		log.Fatalf("%s child: send the report: %v", task, err)
	}
}

// child is a started child and the read end of its pipe.
type child struct {
	cmd     *exec.Cmd
	results *os.File
}

// start starts this program again, as a child that runs task.
func start(task string) child {
	exe, err := os.Executable() // this program's own binary
	if err != nil {
		log.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		log.Fatal(err)
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env = append(os.Environ(), taskEnv+"="+task)
	cmd.ExtraFiles = []*os.File{w} // the child's file descriptor 3
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil { // p = multiprocessing.Process(...); p.start()
		log.Fatal(err)
	}
	// The child has its own copy of the write end. Close ours: a pipe
	// reports end-of-file only once every copy of its write end is closed.
	w.Close()
	return child{cmd: cmd, results: r}
}

// wait reads the child's report, then waits for the child to exit.
func (c child) wait() report {
	var rep report
	if err := gob.NewDecoder(c.results).Decode(&rep); err != nil {
		log.Fatalf("read a child's report: %v", err)
	}
	c.results.Close()
	if err := c.cmd.Wait(); err != nil { // p.join()
		log.Fatalf("%s child: %v", rep.Task, err)
	}
	return rep
}

func main() {
	flag.Parse()
	if task := os.Getenv(taskEnv); task != "" { // the twin of `if __name__ == "__main__":`
		runChild(task) // this copy of the program is a child: run its task and exit
		return
	}

	tl := timeline.New("square", "cube") // draws what ran when, at the end
	began := tl.Origin()
	square, cube := start("square"), start("cube")  // start both,
	reports := []report{square.wait(), cube.wait()} // then join both
	fmt.Println("It takes", time.Since(began).Round(time.Millisecond))

	for _, rep := range reports {
		for i, r := range rep.Results {
			tl.Add(rep.Task, fmt.Sprint(r), rep.Starts[i], rep.Ends[i])
		}
		if rep.PID == os.Getpid() {
			log.Fatal("a child ran in the parent's process")
		}
	}
	// Each child's first span starts when it was ready to work: the gap
	// is the cost of starting a process.
	fmt.Printf("The children were ready after %v (square) and %v (cube)\n",
		reports[0].Starts[0].Sub(began).Round(100*time.Microsecond), reports[1].Starts[0].Sub(began).Round(100*time.Microsecond))
	fmt.Print("\n", tl.Chart(timeline.DefaultWidth))
}
