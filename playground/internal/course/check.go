package course

import (
	"context"
	"fmt"

	"github.com/gophertutor/concurrency/internal/progress"
)

// Report is the outcome of a check: the progress table, and whether an
// exercise fails (or its lesson's exercises do not compile).
type Report struct {
	Table   string
	Failing bool
	Rows    []progress.Row
}

// Check runs the exercise checks of the lesson that arg names ("" for
// every lesson; "1", "01" or "01-processes") in the repository at root,
// and draws the progress table. flags are passed on to go test (an
// -overlay).
func Check(ctx context.Context, root, arg string, flags ...string) (Report, error) {
	if _, err := GoTool("check"); err != nil {
		return Report{}, err
	}
	all, err := progress.Lessons(root)
	if err != nil {
		return Report{}, fmt.Errorf("check: %w", err)
	}
	lessons, err := progress.Select(all, arg)
	if err != nil {
		return Report{}, fmt.Errorf("check: %w", err)
	}
	rows, err := progress.Run(ctx, root, lessons, flags...)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Table: progress.Table(rows), Rows: rows}
	for _, r := range rows {
		if r.Status == progress.Failing || r.Status == progress.Broken {
			rep.Failing = true
		}
	}
	return rep, nil
}
