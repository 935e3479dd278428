// Command first-error waits for four checks with each mode of Wait: the
// first to complete, a deadline, the first error; then it stops the checks
// still running, which Python cannot do. -unit sets the time scale.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// Check is one task: it takes Units units of time and may fail.
type Check struct {
	Name  string
	Units int
	Unit  time.Duration
	Fail  bool
}

// tl draws what ran when; a package variable works on a thread pool only.
var tl *timeline.Timeline

// check works for its units of time, or until its context is cancelled.
var check = processes.Register("check", func(ctx context.Context, c Check) (string, error) {
	defer tl.Begin(c.Name, c.Name)()
	select {
	case <-time.After(time.Duration(c.Units) * c.Unit):
	case <-ctx.Done():
		return "", ctx.Err() // stopped: give up at once
	}
	if c.Fail {
		return "", fmt.Errorf("check %s: disk full", c.Name)
	}
	return c.Name + " is fine", nil
})

func main() {
	processes.RunChildIfRequested()
	unit := flag.Duration("unit", 100*time.Millisecond, "one unit of work")
	flag.Parse()
	ctx := context.Background()
	pool, err := futures.NewThreadPool(4)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	tl = timeline.New("a", "b", "c", "d")
	checks := []Check{{"a", 1, *unit, false}, {"b", 2, *unit, true}, {"c", 3, *unit, false}, {"d", 4, *unit, false}}
	var fs []*futures.Future[string]
	name := map[*futures.Future[string]]string{} // Python's dict of future to name
	for _, c := range checks {
		f, err := futures.Submit(ctx, pool, check, c)
		if err != nil {
			log.Fatal(err)
		}
		fs = append(fs, f)
		name[f] = c.Name
	}
	names := func(fs []*futures.Future[string]) (out []string) {
		for _, f := range fs {
			out = append(out, name[f])
		}
		return out
	}
	start := time.Now()
	report := func(mode string, done, notDone []*futures.Future[string]) {
		fmt.Printf("%-38s after %v: done %v, not done %v\n", mode, time.Since(start).Round(*unit/2), names(done), names(notDone))
	}

	done, notDone, err := futures.Wait(ctx, fs, futures.FirstCompleted)
	if err != nil {
		log.Fatal(err)
	}
	report("Wait(FirstCompleted)", done, notDone)

	deadline, cancel := context.WithTimeout(ctx, *unit/2) // Python's timeout
	done, notDone, err = futures.Wait(deadline, fs, futures.AllCompleted)
	cancel()
	if err != nil {
		log.Fatal(err)
	}
	report("Wait(AllCompleted) with a deadline", done, notDone)

	done, notDone, err = futures.Wait(ctx, fs, futures.FirstError)
	if err != nil {
		log.Fatal(err)
	}
	report("Wait(FirstError)", done, notDone)

	for _, f := range notDone {
		fmt.Printf("  %s.Cancel() = %v (it runs); %s.Stop() = %v\n", name[f], f.Cancel(), name[f], f.Stop())
	}
	done, notDone, err = futures.Wait(ctx, fs, futures.AllCompleted)
	if err != nil {
		log.Fatal(err)
	}
	report("Wait(AllCompleted)", done, notDone)

	fmt.Println()
	for _, f := range fs {
		v, err := f.Result(ctx)
		switch {
		case errors.Is(err, futures.ErrStopped):
			fmt.Printf("%s: stopped: %v\n", name[f], err)
		case err != nil:
			fmt.Printf("%s: failed: %v\n", name[f], err)
		default:
			fmt.Printf("%s: %s\n", name[f], v)
		}
	}
	fmt.Print("\n", tl.Chart(timeline.DefaultWidth))
}
