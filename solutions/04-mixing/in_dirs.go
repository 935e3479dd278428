package solutions

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/04-mixing/check"
)

// RunInDirs is the answer to exercise 2: the working directory belongs to
// a process, so each task gets a child of its own, started in its
// directory; this process never changes its own.
func RunInDirs(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask) ([]string, error) {
	var children []*processes.Process[string]
	var err error
	for _, t := range tasks {
		p := processes.New(task, t, processes.WithDir(t.Dir))
		if err = p.Start(ctx); err != nil {
			break
		}
		children = append(children, p)
	}
	results := make([]string, 0, len(tasks))
	for _, p := range children {
		dir, werr := p.Wait(ctx)
		if werr != nil && err == nil {
			err = werr
		}
		results = append(results, dir)
	}
	return results, err
}
