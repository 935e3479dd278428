package repl

import (
	"context"
	"fmt"
	"strings"

	"github.com/gophertutor/concurrency/internal/progress"
	"github.com/gophertutor/concurrency/playground/internal/course"
)

// cmdCheck is :check [lesson]: the progress table of the exercises.
func cmdCheck(ctx context.Context, r *repl, arg string) bool {
	root, err := course.WorkingRoot()
	if err != nil {
		return r.commandFailed(err)
	}
	what := "every lesson's exercises"
	if arg != "" {
		what = "the exercises of lesson " + arg
	}
	fmt.Fprintf(r.ed, "Checking %s (go test; Ctrl-C stops)...\n", what)
	ctx, stop := r.interruptible(ctx)
	defer stop()
	rep, err := course.Check(ctx, root, arg)
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(r.ed, "interrupted: the check stopped")
			return false
		}
		return r.commandFailed(err)
	}
	fmt.Fprint(r.ed, rep.Table)
	return false
}

// cmdHint is :hint <exercise>: what to read and try for an exercise.
func cmdHint(_ context.Context, r *repl, arg string) bool {
	if arg == "" {
		_, err := progress.Hint("")
		_, names, _ := strings.Cut(err.Error(), "there are: ")
		return r.commandFailed(fmt.Errorf("usage: :hint <exercise>, one of: %s", names))
	}
	e, err := progress.Hint(arg)
	if err != nil {
		return r.commandFailed(fmt.Errorf("hint: %w", err))
	}
	fmt.Fprintln(r.ed, progress.Describe(e))
	return false
}

// commandFailed reports a command's error; a piped session then exits 1.
func (r *repl) commandFailed(err error) bool {
	fmt.Fprintf(r.ed, "%v\n", err)
	r.failed.Store(true)
	return false
}
