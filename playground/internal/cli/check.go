package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/course"
)

// checkUsage is the usage of the check subcommand.
const checkUsage = "usage: go run ./playground check [lesson]   (lesson: 0, 01, 01-processes; none: every lesson)\n"

// runCheck is `go run ./playground check [lesson]`: it prints the progress
// table of the lesson's exercises (or every lesson's) and returns 0 when no
// exercise fails (done or not attempted), 1 when one does, and 2 for a bad
// argument.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 1 || len(args) == 1 && strings.HasPrefix(args[0], "-") {
		fmt.Fprint(stderr, checkUsage)
		return 2
	}
	root, err := course.WorkingRoot()
	if err != nil {
		fmt.Fprintf(stderr, "playground check: %v\n", err)
		return 2
	}
	arg := ""
	if len(args) == 1 {
		arg = args[0]
	}
	rep, err := course.Check(ctx, root, arg)
	if err != nil {
		fmt.Fprintf(stderr, "playground %v\n", err)
		return 2
	}
	fmt.Fprint(stdout, rep.Table)
	if rep.Failing {
		return 1
	}
	return 0
}
