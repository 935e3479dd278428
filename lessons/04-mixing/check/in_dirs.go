package check

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// DirTask is one task of exercise 2: the directory it must run in, its
// name, and the check's probe.
type DirTask struct {
	Dir   string
	Name  string
	Probe Probe
	Fail  bool // the task fails at once (one of the check's rounds)
}

// taskFailed ends the error of a task that fails.
const taskFailed = "the task failed, as the check asked"

// InDir is exercise 2's task. Once all the tasks are running (the probe's
// barrier), it writes a note named after the task into its working
// directory, by a relative path, and returns that directory: the task's
// Dir, when it runs where it should.
var InDir = processes.Register("check04.InDir", func(ctx context.Context, t DirTask) (string, error) {
	if t.Fail {
		t.Probe.report(ctx)
		return "", errors.New(t.Name + ": " + taskFailed)
	}
	if err := t.Probe.enter(ctx); err != nil {
		return "", err
	}
	defer t.Probe.leave(ctx)
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return wd, os.WriteFile(t.Name+".txt", []byte(t.Name), 0o644)
})

// RunInDirsFunc is the signature of exercise 2.
type RunInDirsFunc func(ctx context.Context, task *processes.Func[DirTask, string], tasks []DirTask) ([]string, error)

// RunInDirs is exercise 2: tasks that each need their own working
// directory, run at the same time.
var RunInDirs = exercise.Exercise[RunInDirsFunc]{
	Info: exercise.Info{
		Name:    "RunInDirs",
		File:    "lessons/04-mixing/exercises/in_dirs.go",
		Section: readme + "#exercise-2-a-working-directory-each",
		Hint: "the working directory belongs to the process: start a child per task with " +
			"processes.New(task, t, processes.WithDir(t.Dir)), all of them, then Wait for each",
	},
	Check: checkRunInDirs,
}

func checkRunInDirs(c *exercise.C, impl RunInDirsFunc) {
	root, err := os.MkdirTemp("", "check04-dirs")
	if err != nil {
		c.Fail(exercise.Mistake{Expected: "a temporary directory for the check", Got: err.Error(), Likely: "the machine's temporary directory is not writable"})
	}
	defer os.RemoveAll(root)
	if root, err = filepath.EvalSymlinks(root); err != nil { // as os.Getwd reports it
		c.Fail(exercise.Mistake{Expected: "a temporary directory for the check", Got: err.Error(), Likely: "the machine's temporary directory is not readable"})
	}
	w, probes := newWatch(3, 3, false)
	tasks := dirTasks(c, filepath.Join(root, "run"), probes)
	here, _ := os.Getwd()
	before := c.ProcessSnapshot()
	life := c.WatchChildren(true)
	defer life.Stop()
	w.start(c.Patience())
	defer w.stop()
	var got []string
	c.Call("RunInDirs(ctx, InDir, 3 tasks)", "it never returns: is it waiting for a process it never started?",
		func() { got, err = impl(context.Background(), InDir, slices.Clone(tasks)) })
	w.stop()
	life.NotWaited(before, "RunInDirs", "")
	life.Stop()
	now, _ := os.Getwd()
	dirs, _ := life.StartedIn()
	for _, dir := range dirs {
		if dir != here && now == here {
			c.Fail(exercise.Mistake{
				Expected: "this process's working directory to stay " + here + " all along",
				Got:      "it was " + dir + " when a child started, and back afterwards",
				Likely: "os.Chdir before Start changes the working directory of this whole process, every goroutine's, for as " +
					"long as it lasts (a file another goroutine opens by a relative path meanwhile lands in the task's directory): " +
					"give each child its directory with processes.WithDir(t.Dir) instead",
			})
		}
	}
	if now != here {
		_ = os.Chdir(here)
		c.Fail(exercise.Mistake{
			Expected: "this process's working directory as it was (" + here + ")",
			Got:      "RunInDirs left it at " + now,
			Likely: "os.Chdir changes the working directory of this whole process, every goroutine's: " +
				"give each child its directory with processes.WithDir(t.Dir) instead",
		})
	}
	c.NoProcessesLeft(before.Left(), "RunInDirs", neverWaited)
	if err != nil && len(w.arrivals) == 0 {
		c.Fail(exercise.Mistake{Expected: "RunInDirs to succeed", Got: "it returned the error: " + err.Error(),
			Likely: "read the error: it says which step failed"})
	}
	pids := w.pids()
	switch {
	case len(w.arrivals) == 0:
		c.Fail(exercise.Mistake{Expected: "the task run once for each directory", Got: "it never ran",
			Likely: "start the task, processes.New(task, t, ...), for every t"})
	case slices.Contains(pids, os.Getpid()):
		c.Fail(exercise.Mistake{
			Expected: "each task in a process of its own",
			Got:      "the tasks ran in this process (task.Call), on goroutines",
			Likely: "goroutines share one working directory, the process's: whichever os.Chdir came last wins for all of them. " +
				"A child process has its own: processes.New(task, t, processes.WithDir(t.Dir))",
		})
	case w.broken:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("the %d tasks running at the same time", len(tasks)),
			Got:    fmt.Sprintf("at most %d at once (waited %v)", w.peak, c.Patience()),
			Likely: "each process is waited for before the next starts: start them all, then wait for them all"})
	}
	for i, t := range tasks {
		switch {
		case i >= len(got):
			c.Fail(exercise.Mistake{Expected: "a result per task", Got: fmt.Sprintf("%d results", len(got)),
				Likely: "collect what each process's Wait returns, in the order of the tasks"})
		case got[i] == here || strings.HasPrefix(here, got[i]+string(filepath.Separator)):
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("task %s to run in %s", t.Name, t.Dir),
				Got:      "it ran in this process's working directory, " + got[i],
				Likely:   "a child starts where its parent is: give it its own directory with processes.WithDir(t.Dir)",
			})
		case got[i] != t.Dir:
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("task %s to run in %s", t.Name, t.Dir),
				Got:      "it ran in " + got[i],
				Likely:   "each process must start in its own task's directory: processes.WithDir(t.Dir), with the t of that process",
			})
		}
		notes, _ := filepath.Glob(filepath.Join(t.Dir, "*.txt"))
		if len(notes) != 1 || filepath.Base(notes[0]) != t.Name+".txt" {
			c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%s to hold %s.txt only", t.Dir, t.Name),
				Got: fmt.Sprintf("it holds %v", notes), Likely: "every task must run once, in its own directory"})
		}
	}
	if err != nil {
		c.Fail(exercise.Mistake{Expected: "RunInDirs to succeed", Got: "it returned the error: " + err.Error(),
			Likely: "read the error: it says which step failed"})
	}
	runInDirsWithAFailure(c, impl, filepath.Join(root, "failing"))
	runInDirsCancelled(c, impl, filepath.Join(root, "cancelled"))
}

// dirTasks makes the tasks alpha, beta and gamma, each with a directory of
// its own below root, and the probe of its index.
func dirTasks(c *exercise.C, root string, probes []Probe) []DirTask {
	tasks := make([]DirTask, len(probes))
	for i, name := range []string{"alpha", "beta", "gamma"}[:len(probes)] {
		tasks[i] = DirTask{Dir: filepath.Join(root, name), Name: name, Probe: probes[i]}
		if err := os.MkdirAll(tasks[i].Dir, 0o755); err != nil {
			c.Fail(exercise.Mistake{Expected: "a directory per task", Got: err.Error(), Likely: "the machine's temporary directory is not writable"})
		}
	}
	return tasks
}
