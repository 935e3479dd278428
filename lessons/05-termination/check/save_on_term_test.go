package check_test

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"testing"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/05-termination/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Wrong answers to exercise 3 run in child processes, so they are
// registered at package level, as the learner's is.
var (
	// noHandler never handles SIGTERM: it dies of it.
	noHandler = processes.Register("check05test.noHandler", func(ctx context.Context, job check.Crunch) (check.Partial, error) {
		return steps(ctx, job)
	})

	// returnsError hands back the error with its steps: the parent gets
	// the error only.
	returnsError = processes.Register("check05test.returnsError", func(ctx context.Context, job check.Crunch) (check.Partial, error) {
		ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
		defer stop()
		remove, err := job.MakeScratch()
		if err != nil {
			return check.Partial{}, err
		}
		defer remove()
		var p check.Partial
		for i := range job.Steps {
			if err := job.Do(ctx, i); err != nil {
				return p, err
			}
			p.Done = append(p.Done, i)
		}
		return p, nil
	})

	// exitsOnTerm catches SIGTERM and calls os.Exit(0): no result, no
	// deferred calls.
	exitsOnTerm = processes.Register("check05test.exitsOnTerm", func(ctx context.Context, job check.Crunch) (check.Partial, error) {
		term := make(chan os.Signal, 1)
		signal.Notify(term, syscall.SIGTERM)
		go func() {
			<-term
			os.Exit(0)
		}()
		return steps(ctx, job)
	})

	// ignoresTerm ignores SIGTERM altogether.
	ignoresTerm = processes.Register("check05test.ignoresTerm", func(ctx context.Context, job check.Crunch) (check.Partial, error) {
		signal.Ignore(syscall.SIGTERM)
		return steps(ctx, job)
	})

	// wrongContext handles SIGTERM but gives Do the context it was given:
	// the signal never reaches the step it waits in.
	wrongContext = processes.Register("check05test.wrongContext", func(ctx context.Context, job check.Crunch) (check.Partial, error) {
		termed, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
		defer stop()
		_ = termed
		return steps(ctx, job)
	})

	// forgetsSteps returns nothing of what it did.
	forgetsSteps = processes.Register("check05test.forgetsSteps", func(ctx context.Context, job check.Crunch) (check.Partial, error) {
		ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
		defer stop()
		if _, err := steps(ctx, job); err != nil {
			return check.Partial{}, err
		}
		return check.Partial{}, nil
	})

	// countsTheStoppedStep keeps a step before it knows it was done.
	countsTheStoppedStep = processes.Register("check05test.countsTheStoppedStep", func(ctx context.Context, job check.Crunch) (check.Partial, error) {
		ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
		defer stop()
		remove, err := job.MakeScratch()
		if err != nil {
			return check.Partial{}, err
		}
		defer remove()
		var p check.Partial
		for i := range job.Steps {
			p.Done = append(p.Done, i)
			if err := job.Do(ctx, i); err != nil {
				return p, nil
			}
		}
		return p, nil
	})

	// noScratch never makes the scratch file.
	noScratch = processes.Register("check05test.noScratch", func(ctx context.Context, job check.Crunch) (check.Partial, error) {
		ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
		defer stop()
		return doSteps(ctx, job), nil
	})

	// leavesScratch makes it and never removes it.
	leavesScratch = processes.Register("check05test.leavesScratch", func(ctx context.Context, job check.Crunch) (check.Partial, error) {
		ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
		defer stop()
		if _, err := job.MakeScratch(); err != nil {
			return check.Partial{}, err
		}
		return doSteps(ctx, job), nil
	})
)

// steps makes the scratch file, removes it when done, and does the steps
// (doSteps): the part of an answer that the wrong answers above share.
func steps(ctx context.Context, job check.Crunch) (check.Partial, error) {
	remove, err := job.MakeScratch()
	if err != nil {
		return check.Partial{}, err
	}
	defer remove()
	return doSteps(ctx, job), nil
}

// doSteps does the steps until one fails, and returns the ones done.
func doSteps(ctx context.Context, job check.Crunch) check.Partial {
	var p check.Partial
	for i := range job.Steps {
		if err := job.Do(ctx, i); err != nil {
			return p
		}
		p.Done = append(p.Done, i)
	}
	return p
}

func TestSaveOnTermRejects(t *testing.T) {
	for _, c := range []struct {
		name   string
		answer *processes.Func[check.Crunch, check.Partial]
		likely string
	}{
		{"no SIGTERM handler", noHandler, "does not handle SIGTERM dies at once"},
		{"an error with the steps", returnsError, "its parent gets the error and not the value"},
		{"os.Exit on SIGTERM", exitsOnTerm, "os.Exit (or log.Fatal) ends the process at once"},
		{"SIGTERM ignored", ignoresTerm, "SIGTERM never reached the work"},
		{"the handler's context not passed on", wrongContext, "SIGTERM never reached the work"},
		{"the steps forgotten", forgetsSteps, "were lost"},
		{"the stopped step kept", countsTheStoppedStep, "keep each step once job.Do returns nil"},
		{"no scratch file", noScratch, "call job.MakeScratch()"},
		{"the scratch file left", leavesScratch, "defer the remove function"},
	} {
		t.Run(c.name, func(t *testing.T) { exercise.Rejected(t, check.SaveOnTerm.Run(c.answer, quick, roomy), c.likely) })
	}
}
