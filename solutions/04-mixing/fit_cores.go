package solutions

import (
	"context"
	"strconv"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/04-mixing/check"
)

// FitCores is the answer to exercise 3: each child's runtime reads
// GOMAXPROCS from its environment as it starts, so each child is given its
// share of the cores there, and this process's own environment is left
// alone.
func FitCores(ctx context.Context, report *processes.Func[int, check.Threads], procs, cores int) ([]check.Threads, error) {
	var children []*processes.Process[check.Threads]
	var err error
	for i := range procs {
		share := max(1, cores/procs)
		if cores/procs >= 1 && i < cores%procs {
			share++
		}
		p := processes.New(report, i, processes.WithEnv("GOMAXPROCS="+strconv.Itoa(share)))
		if err = p.Start(ctx); err != nil {
			break
		}
		children = append(children, p)
	}
	var reports []check.Threads
	for _, p := range children {
		t, werr := p.Wait(ctx)
		if werr != nil && err == nil {
			err = werr
		}
		reports = append(reports, t)
	}
	return reports, err
}
