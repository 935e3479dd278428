package check_test

import (
	"context"
	"testing"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/05-termination/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Each test keeps a wrong answer a learner might write and shows that its
// check rejects it, for the right reason. One file per exercise.

func TestMain(m *testing.M) { check.Main(m) }

// quick is the patience for answers whose workers never all run at once:
// the check cannot be satisfied by them, so there is no reason to wait
// long. Answers whose flaw is something else keep the default patience.
var quick = exercise.WithPatience(100 * time.Millisecond)

// roomy leaves the learner's code time to start processes: the call bound,
// unlike the patience, is not what catches a wrong answer here.
var roomy = exercise.WithCallBound(30 * time.Second)

// stuck is the call bound for answers that never return: the check gives
// up on them after it, and lets them go.
var stuck = exercise.WithCallBound(2 * time.Second)

// startAll starts fn on every argument.
func startAll[A, R any](ctx context.Context, fn *processes.Func[A, R], args []A) ([]*processes.Process[R], error) {
	var ps []*processes.Process[R]
	for _, a := range args {
		p := processes.New(fn, a)
		if err := p.Start(ctx); err != nil {
			return ps, err
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// waitAll waits for processes a wrong answer left, so that the package
// ends clean.
func waitAll[R any](ps []*processes.Process[R]) {
	for _, p := range ps {
		_, _ = p.Wait(context.Background())
	}
}

func TestEveryExerciseHasItsFileAndSection(t *testing.T) {
	exercise.VerifyInfos(t, "../../..", check.All())
}
