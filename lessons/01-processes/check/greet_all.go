package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// City is one input of exercise 4, with the check's probe.
type City struct {
	Name  string
	Probe Probe
}

// Atlantis is the city Greet cannot greet: its process returns an error.
const Atlantis = "Atlantis"

// Greet is exercise 4's task: a greeting from the process it runs in, or
// an error for Atlantis.
var Greet = processes.Register("check01.Greet", func(ctx context.Context, city City) (string, error) {
	if err := city.Probe.enter(ctx, 0, 0); err != nil {
		return "", err
	}
	defer city.Probe.leave(ctx)
	if city.Name == Atlantis {
		return "", errors.New(Atlantis + " is not on the map")
	}
	return "Hello from " + city.Name, nil
})

// GreetAllFunc is the signature of exercise 4.
type GreetAllFunc func(ctx context.Context, greet *processes.Func[City, string], cities []City) ([]string, error)

// GreetAll is exercise 4: fix a loop that starts a process and waits for
// it before starting the next.
var GreetAll = exercise.Exercise[GreetAllFunc]{
	Info: exercise.Info{
		Name: "GreetAll",
		// One error variable that two goroutines set when two tasks fail at
		// once: either error comes back, so nothing but the race detector
		// can tell.
		RaceSensitive: true,
		File:          "lessons/01-processes/exercises/greet_all.go",
		Section:       readme + "#exercise-4-start-them-all-then-wait-for-them-all",
		Hint:          "two loops: the first starts every process and keeps it; the second waits for each, in order",
		Race: "greetings or errors written by goroutines of your own and read before they were done, appended to one " +
			"slice from several of them, or one error variable that several of them set (two cities that fail at once): " +
			"no goroutine is needed here. Start every process, then Wait for each in a second loop",
	},
	Check: checkGreetAll,
}

func checkGreetAll(c *exercise.C, impl GreetAllFunc) {
	deadlines := watchWaitDeadlines()
	defer deadlines.stop()
	names := []string{"Hanoi", "Paris", "Lima", "Tokyo"}
	// reorder: Hanoi finishes last, so greetings collected as the
	// processes end are out of the order of the cities.
	w, probes := newWatch(len(names), len(names), false, true)
	cities := make([]City, len(names))
	want := make([]string, len(names))
	for i, n := range names {
		cities[i] = City{Name: n, Probe: probes[i]}
		want[i] = "Hello from " + n
	}
	before := c.ProcessSnapshot()
	w.start(c, before)
	defer w.stop()
	var (
		got []string
		err error
	)
	c.OnOneProcessor(func() { // goroutines start once the caller blocks: a Wait before their wg.Add shows
		c.Call("GreetAll(ctx, greet, cities)", "it never returns: is it waiting for an outcome that never comes "+
			"(a channel or WaitGroup that expects more than the processes it started)?",
			func() { got, err = impl(context.Background(), Greet, slices.Clone(cities)) })
	})
	left := before.Left()
	waiting := w.neverWaited()
	w.stop()

	if err != nil {
		c.Fail(exercise.Mistake{Expected: "GreetAll to succeed", Got: "it returned the error: " + err.Error(),
			Likely: "read the error: it says which step failed"})
	}
	unwaited := "a process was started but never waited for: Wait for every one"
	if waiting {
		unwaited = unwaitedGoroutines("GreetAll")
	}
	c.NoProcessesLeft(left, "GreetAll", unwaited)
	switch {
	case len(w.arrivals) == 0 && waiting:
		c.Fail(exercise.Mistake{Expected: "each city greeted by greet in a child process", Got: "GreetAll returned before greet ran",
			Likely: unwaitedGoroutines("GreetAll")})
	case len(w.arrivals) == 0:
		c.Fail(exercise.Mistake{Expected: "each city greeted by greet in a child process", Got: "greet never ran in a child process",
			Likely: "start processes.New(greet, city) for every city"})
	case w.broken:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("all %d processes running at the same time", len(cities)),
			Got:      fmt.Sprintf("at most %d ran at once (waited %v)", w.peak, c.Patience()),
			Likely:   "Wait right after Start runs the processes one after the other: start them all first, then wait for each",
		})
	}
	if !slices.Equal(got, want) {
		likely := "keep the processes in a slice in the order of the cities, and collect their results in that order"
		switch {
		case waiting:
			likely = unwaitedGoroutines("GreetAll")
		case slices.Contains(got, "") || len(got) < len(want):
			likely = "a greeting is missing: a process was started but never waited for. Wait for every one"
		case len(got) == len(want) && slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))):
			likely = "the greetings are in the order their processes finished (appended as each one ended, from goroutines " +
				"perhaps): keep the processes in a slice in the order of the cities and Wait for each in that order, " +
				"or store each greeting at its city's index"
		}
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%q, in the order of the cities", want), Got: fmt.Sprintf("%q", got),
			Likely: likely})
	}
	checkGreetAllFails(c, impl)
	checkHeldPastTheDeadline(c, deadlines, "GreetAll", "GreetAll(ctx, greet, cities)", "city", func(probes []Probe) {
		_, _ = impl(context.Background(), Greet, []City{{Name: "Hanoi", Probe: probes[0]}, {Name: "Lima", Probe: probes[1]}})
	})
}

// checkGreetAllFails runs exercise 4 with a city that cannot be greeted,
// second of four: the cities after it are held until its process has
// exited and the answer has settled, so an answer that returns at that
// error leaves them running. The error must come back.
func checkGreetAllFails(c *exercise.C, impl GreetAllFunc) {
	names := []string{"Hanoi", Atlantis, "Lima", "Tokyo"}
	w, probes := newWatch(len(names), len(names), false, false)
	w.late = map[int]bool{2: true, 3: true}
	cities := make([]City, len(names))
	for i, n := range names {
		cities[i] = City{Name: n, Probe: probes[i]}
	}
	before := c.ProcessSnapshot()
	w.start(c, before)
	defer w.stop()
	var (
		got []string
		err error
	)
	c.Call("GreetAll(ctx, greet, cities) with Atlantis, which greet cannot greet", "it never returns once a city fails",
		func() { got, err = impl(context.Background(), Greet, slices.Clone(cities)) })
	left := before.Left() // Lima's and Tokyo's, if it did not wait for them
	lateHeld := w.lateHeld()
	neverWaited := w.neverWaited()
	w.stop()

	unwaited := "when a city failed, GreetAll returned without waiting for the processes still running " +
		"(or cancelled them as it returned): keep the error, go on waiting for every process, then return it"
	if neverWaited {
		unwaited = unwaitedGoroutines("GreetAll")
	}
	c.NoProcessesLeft(left, "GreetAll, even when a city fails", unwaited)
	notWaitedForLate(c, lateHeld, "GreetAll", "Lima's and Tokyo's processes, even when a city fails", unwaited)
	refusalKept(c, err, "the error of the city greet refused",
		"the error Wait gave for that city was dropped: return it (errors.Join keeps several)")
	greetingsInPlace(c, names, got)
	checkGreetAllFailsTwice(c, impl)
}

// checkGreetAllFailsTwice runs exercise 4 with two cities that cannot be
// greeted, whose processes fail at the same time: one error variable that
// goroutines of the answer's both set is a data race (-race names it).
func checkGreetAllFailsTwice(c *exercise.C, impl GreetAllFunc) {
	names := []string{Atlantis, "Lima", Atlantis}
	cities := make([]City, len(names))
	for i, n := range names {
		cities[i] = City{Name: n}
	}
	before := c.ProcessSnapshot()
	var (
		got []string
		err error
	)
	c.Call("GreetAll(ctx, greet, cities) with Atlantis twice", "it never returns once two cities fail",
		func() { got, err = impl(context.Background(), Greet, slices.Clone(cities)) })
	c.NoProcessesLeft(before.Left(), "GreetAll, even when two cities fail", "a process was started but never waited for: "+
		"keep the first error and go on waiting for every process")
	refusalKept(c, err, "an error of a city greet refused",
		"the errors Wait gave when two cities failed were dropped: return one (or errors.Join them)")
	greetingsInPlace(c, names, got)
}

// refusalKept fails the check unless err carries greet's refusal of
// Atlantis; expected names which error, likely the mistake.
func refusalKept(c *exercise.C, err error, expected, likely string) {
	if err == nil || !strings.Contains(err.Error(), Atlantis+" is not on the map") {
		c.Fail(exercise.Mistake{
			Expected: expected + " (\"" + Atlantis + " is not on the map\")",
			Got:      fmt.Sprintf("error %v", err),
			Likely:   likely,
		})
	}
}

// greetingsInPlace fails the check if greetings returned beside an error
// are not each at its city's index: nil, or one per city with the failed
// city's left empty, are both right.
func greetingsInPlace(c *exercise.C, names, got []string) {
	if got == nil {
		return
	}
	inPlace := len(got) == len(names)
	for i := 0; inPlace && i < len(got); i++ {
		inPlace = got[i] == "" || got[i] == "Hello from "+names[i]
	}
	if !inPlace {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("with the error, no greetings, or one per city in the order of cities %q (the failed city's empty)", names),
			Got:      fmt.Sprintf("%q", got),
			Likely: "the failed city was skipped (or the greetings appended as they came), so the ones after it moved up " +
				"a place: store each greeting at its city's index, out[i], or return nil with the error",
		})
	}
}
