package overview

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/gophertutor/concurrency/internal/syncwriter"
)

// Processes is multiprocessing.py: the squares and the cubes each in a
// child process — this program's own binary, started again — side by side.
// Each child prints to Out and sends its Report back over a pipe; a child's
// memory is its own, so the pipe is the only way its results reach us. With
// the default delay it takes 0.8 s plus the few milliseconds it takes to
// start a process.
func Processes(ctx context.Context, nums []int, o Options) (Result, error) {
	ctx, cancel := context.WithCancel(ctx) // ends both children if we return early
	defer cancel()
	o.Out = syncwriter.New(o.Out) // both children print to it

	square, err := startChild(ctx, Square, nums, o)
	if err != nil {
		return Result{}, err
	}
	cube, err := startChild(ctx, Cube, nums, o)
	if err != nil {
		cancel()      // stop the square child,
		square.wait() // then reap it: cancel and join are separate steps
		return Result{}, err
	}
	// Both children are running. Join them in turn: start all, then join all.
	sq, sqErr := square.wait()
	cu, cuErr := cube.wait()
	for _, rep := range []Report{sq, cu} {
		for _, s := range rep.Spans {
			o.Timeline.Add(rep.Task, s.Label, s.Start, s.End)
		}
	}
	return Result{Squares: sq.Results, Cubes: cu.Results}, errors.Join(sqErr, cuErr)
}

// child is a started child process and the read end of its result pipe.
type child struct {
	task    Task
	cmd     *exec.Cmd
	results *os.File
}

// startChild starts task in a child process with a pipe for its Report.
func startChild(ctx context.Context, task Task, nums []int, o Options) (*child, error) {
	cmd, err := ChildCommand(ctx, task, nums, o.Delay)
	if err != nil {
		return nil, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("start %s child: %w", task.Name, err)
	}
	cmd.ExtraFiles = []*os.File{w} // becomes the child's file descriptor 3
	cmd.Stdout, cmd.Stderr = o.Out, os.Stderr
	if err := cmd.Start(); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("start %s child: %w", task.Name, err)
	}
	// The child has its own copy of the write end. Close ours, or the pipe
	// would stay open after the child exits and a reader would never see EOF.
	w.Close()
	return &child{task: task, cmd: cmd, results: r}, nil
}

// wait reads the child's Report, then waits for the child to exit.
func (c *child) wait() (Report, error) {
	var rep Report
	readErr := gob.NewDecoder(c.results).Decode(&rep)
	c.results.Close()
	waitErr := c.cmd.Wait()
	switch {
	case rep.Err != "":
		return rep, fmt.Errorf("%s child: %s", c.task.Name, rep.Err)
	case waitErr != nil:
		return rep, fmt.Errorf("%s child: %w", c.task.Name, waitErr)
	case readErr != nil:
		return rep, fmt.Errorf("%s child: read its report: %w", c.task.Name, readErr)
	}
	return rep, nil
}

// The environment variables that tell a copy of this program that it is a
// child, and what to do.
const (
	envTask  = "OVERVIEW_CHILD_TASK"
	envNums  = "OVERVIEW_CHILD_NUMS"
	envDelay = "OVERVIEW_CHILD_DELAY"
)

// ChildCommand returns the command that runs task over nums in a child
// process: this program's own executable, started again with the task in
// its environment. The child prints to cmd.Stdout and writes its Report,
// gob-encoded, to its file descriptor 3, so the caller must give it the
// write end of a pipe as cmd.ExtraFiles[0]. The program's main (or a test
// binary's TestMain) must start with RunChildIfRequested.
func ChildCommand(ctx context.Context, task Task, nums []int, delay time.Duration) (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("start %s child: find this program's executable: %w", task.Name, err)
	}
	cmd := exec.CommandContext(ctx, exe)
	cmd.Env = append(os.Environ(),
		envTask+"="+task.Name,
		envNums+"="+formatInts(nums),
		envDelay+"="+delay.String(),
	)
	return cmd, nil
}

func formatInts(nums []int) string {
	s := make([]string, len(nums))
	for i, n := range nums {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

func parseInts(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	var nums []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, fmt.Errorf("parse numbers %q: %w", s, err)
		}
		nums = append(nums, n)
	}
	return nums, nil
}
