package check

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Threads is what exercise 3's report says of the child it runs in.
type Threads struct {
	Index      int // the argument report was given
	PID        int
	GOMAXPROCS int    // the child's threads for Go code
	Env        string // the child's GOMAXPROCS variable, as the runtime read it
}

// Report is exercise 3's task: it reports the child's GOMAXPROCS.
var Report = processes.Register("check04.Report", func(_ context.Context, i int) (Threads, error) {
	return Threads{Index: i, PID: os.Getpid(), GOMAXPROCS: runtime.GOMAXPROCS(0), Env: os.Getenv("GOMAXPROCS")}, nil
})

// FitCoresFunc is the signature of exercise 3.
type FitCoresFunc func(ctx context.Context, report *processes.Func[int, Threads], procs, cores int) ([]Threads, error)

// FitCores is exercise 3: child processes whose threads, together, fit the
// cores.
var FitCores = exercise.Exercise[FitCoresFunc]{
	Info: exercise.Info{
		Name: "FitCores",
		// Reports gathered from goroutines into one slice: a lost one shows
		// only when two appends meet.
		RaceSensitive: true,
		File:          "lessons/04-mixing/exercises/fit_cores.go",
		Section:       readme + "#exercise-3-threads-that-fit-the-cores",
		Hint: "a child's Go runtime reads GOMAXPROCS from its environment as it starts: " +
			"processes.New(report, i, processes.WithEnv(\"GOMAXPROCS=\"+strconv.Itoa(n))), with n = cores/procs " +
			"(one more for the first cores%procs children, and at least 1)",
	},
	Check: checkFitCores,
}

// inherited is the GOMAXPROCS the check puts in this process's
// environment while the learner's code runs: a child that is given none
// of its own inherits it, whatever the machine.
const inherited = "7"

func checkFitCores(c *exercise.C, impl FitCoresFunc) {
	for _, run := range []struct{ procs, cores int }{{2, 4}, {3, 8}, {3, 2}} {
		fitCores(c, impl, run.procs, run.cores)
	}
}

func fitCores(c *exercise.C, impl FitCoresFunc, procs, cores int) {
	what := fmt.Sprintf("FitCores(ctx, Report, %d, %d)", procs, cores)
	old, had := os.LookupEnv("GOMAXPROCS")
	os.Setenv("GOMAXPROCS", inherited)
	restore := func() {
		if had {
			os.Setenv("GOMAXPROCS", old)
		} else {
			os.Unsetenv("GOMAXPROCS")
		}
	}
	defer restore()
	parentThreads := runtime.GOMAXPROCS(0)
	before := c.ProcessSnapshot()
	life := c.WatchChildren(true)
	defer life.Stop()
	var (
		got []Threads
		err error
	)
	c.Call(what, "it never returns: is it waiting for a process it never started?",
		func() { got, err = impl(context.Background(), Report, procs, cores) })
	env := os.Getenv("GOMAXPROCS")
	restore()
	life.NotWaited(before, "FitCores", "")
	life.Stop()
	if _, envs := life.StartedIn(); env == inherited {
		for _, e := range envs {
			if e != inherited {
				c.Fail(exercise.Mistake{
					Expected: "this process's environment to stay as it was all along",
					Got:      fmt.Sprintf("its GOMAXPROCS variable was %q when a child started (the check's is %s), and back afterwards", e, inherited),
					Likely: "os.Setenv before Start changes the environment of this whole process for as long as it lasts " +
						"(every goroutine's, and every child another goroutine starts meanwhile): give each child its own with processes.WithEnv",
				})
			}
		}
	}
	if now := runtime.GOMAXPROCS(0); now != parentThreads {
		runtime.GOMAXPROCS(parentThreads)
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("this process's GOMAXPROCS as it was (%d)", parentThreads),
			Got:      fmt.Sprintf("%s set it to %d", what, now),
			Likely:   "runtime.GOMAXPROCS changes this process's threads, not a child's: a child reads GOMAXPROCS from its environment, processes.WithEnv",
		})
	}
	if env != inherited {
		c.Fail(exercise.Mistake{
			Expected: "this process's environment as it was",
			Got:      fmt.Sprintf("%s changed its GOMAXPROCS variable from %s to %q", what, inherited, env),
			Likely: "os.Setenv changes the environment of this whole process, which every goroutine, and every child started " +
				"later, shares: give each child its own with processes.WithEnv",
		})
	}
	c.NoProcessesLeft(before.Left(), "FitCores", neverWaited)
	if err != nil {
		c.Fail(exercise.Mistake{Expected: what + " to succeed", Got: "it returned the error: " + err.Error(),
			Likely: "read the error: it says which step failed"})
	}
	if len(got) != procs {
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%d reports, one per child", procs), Got: fmt.Sprintf("%d", len(got)),
			Likely: "start procs processes and return what each one's Wait gives, in order"})
	}
	var pids []int
	total := 0
	for i, t := range got {
		switch {
		case t.PID == os.Getpid():
			c.Fail(exercise.Mistake{Expected: "report run in child processes", Got: "it ran in this process",
				Likely: "report.Call runs it here: start it in a child with processes.New and Start"})
		case slices.Contains(pids, t.PID):
			c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%d child processes", procs), Got: "two reports came from one process",
				Likely: "start one process per report"})
		case t.Index != i:
			c.Fail(exercise.Mistake{Expected: fmt.Sprintf("report %d from the child given %d", i, i), Got: fmt.Sprintf("from the child given %d", t.Index),
				Likely: "give child i the argument i, and return the reports in order"})
		case t.Env == "0" || (t.Env != "" && t.Env != inherited && atoi(t.Env) < 1):
			c.Fail(exercise.Mistake{Expected: "every child's GOMAXPROCS at least 1", Got: fmt.Sprintf("child %d was given GOMAXPROCS=%q", i, t.Env),
				Likely: fmt.Sprintf("cores/procs is %d when there are more children than cores, and the Go runtime takes GOMAXPROCS=0 "+
					"for \"not set\" (one thread per CPU): give each child at least 1, max(1, cores/procs)", cores/procs)})
		case t.Env == inherited:
			c.Fail(exercise.Mistake{Expected: fmt.Sprintf("each child's GOMAXPROCS set to its share of %d cores", cores),
				Got: fmt.Sprintf("child %d kept the GOMAXPROCS it inherited (%s, the check's)", i, inherited),
				Likely: "a child's runtime takes GOMAXPROCS from its environment, and without one starts a thread per CPU: " +
					"with every child doing so, the machine runs procs times too many. Set it per child: processes.WithEnv(\"GOMAXPROCS=...\") " +
					"(runtime.GOMAXPROCS or os.Setenv here would change this process instead)"})
		case t.GOMAXPROCS < max(1, cores/procs):
			c.Fail(exercise.Mistake{Expected: fmt.Sprintf("each child at least %d threads (%d cores / %d children)", max(1, cores/procs), cores, procs),
				Got: fmt.Sprintf("child %d has %d", i, t.GOMAXPROCS), Likely: "give each child cores/procs, and the remainder to the first ones"})
		}
		pids = append(pids, t.PID)
		total += t.GOMAXPROCS
	}
	if limit := max(cores, procs); total > limit {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("the children's threads to add up to %d at most (%d cores, %d children, at least 1 each)", limit, cores, procs),
			Got:      fmt.Sprintf("they add up to %d: %v", total, gomaxprocs(got)),
			Likely:   "each child was given more than its share: cores/procs each, one more for the first cores%procs only",
		})
	}
}

func gomaxprocs(ts []Threads) []int {
	out := make([]int, len(ts))
	for i, t := range ts {
		out[i] = t.GOMAXPROCS
	}
	return out
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
