package solutions

import (
	"context"
	"encoding/gob"
	"fmt"
	"os"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

// SquaresInChild is the answer to exercise 2: the child writes its Report
// to a pipe, the parent decodes it and then waits for the child.
func SquaresInChild(ctx context.Context, nums []int) (overview.Report, error) {
	cmd, err := overview.ChildCommand(ctx, overview.Square, nums, 0)
	if err != nil {
		return overview.Report{}, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return overview.Report{}, fmt.Errorf("make result pipe: %w", err)
	}
	defer r.Close()
	cmd.ExtraFiles = []*os.File{w} // the child's fd 3
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		w.Close()
		return overview.Report{}, fmt.Errorf("start square child: %w", err)
	}
	w.Close() // only the child holds the write end now

	var rep overview.Report
	readErr := gob.NewDecoder(r).Decode(&rep)
	if err := cmd.Wait(); err != nil { // always reap the child, even if reading failed
		return rep, fmt.Errorf("square child: %w", err)
	}
	if readErr != nil {
		return rep, fmt.Errorf("read square child's report: %w", readErr)
	}
	return rep, nil
}
