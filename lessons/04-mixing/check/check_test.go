package check_test

import (
	"context"
	"errors"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/04-mixing/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Each test keeps a wrong answer a learner might write and shows that its
// check rejects it, for the right reason.

func TestMain(m *testing.M) { check.Main(m) }

// quick is the patience for answers that run things one after the other:
// the barrier can never open for them, so there is no reason to wait long.
var quick = exercise.WithPatience(100 * time.Millisecond)

// roomy leaves the wrong answers time to start their processes: the call
// bound is not what rejects them.
var roomy = exercise.WithCallBound(30 * time.Second)

func TestInfos(t *testing.T) { exercise.VerifyInfos(t, "../../..", check.All()) }

// TestRaceSensitiveExercises: results gathered from goroutines, in this
// process (FitCores's reports, Split's batches) or in a child (RunBatch's
// results: the race detector stops a child at its first race), are lost
// only when two meet, which a plain run may never see. A pass without
// -race says to run -race.
func TestRaceSensitiveExercises(t *testing.T) {
	sensitive := map[string]bool{}
	for _, ex := range check.All() {
		sensitive[ex.Name] = ex.RaceSensitive
	}
	assert.Equal(t, map[string]bool{"Split": true, "RunInDirs": false, "FitCores": true}, sensitive)
}

// --- exercise 1: Split ---

// Registered wrong RunBatch answers, so that the children have them.
var (
	// discarding is the Python program's: a goroutine per... item, results
	// dropped on the floor.
	discarding = processes.Register("check04test.discarding", func(ctx context.Context, b check.Batch) ([]int, error) {
		var wg sync.WaitGroup
		sem := make(chan struct{}, b.Goroutines)
		for _, it := range b.Items {
			sem <- struct{}{}
			wg.Go(func() {
				defer func() { <-sem }()
				_, _ = check.Work(ctx, it)
			})
		}
		wg.Wait()
		return nil, nil
	})

	// racing takes the next item's index from a counter its goroutines
	// share with nothing ordering them: two can take one item. The race
	// is in the child, where the race detector stops it.
	racing = processes.Register("check04test.racing", func(ctx context.Context, b check.Batch) ([]int, error) {
		out := make([]int, len(b.Items))
		next := 0
		var wg sync.WaitGroup
		for range min(b.Goroutines, len(b.Items)) {
			wg.Go(func() {
				for next < len(b.Items) {
					i := next
					next++
					out[i], _ = check.Work(ctx, b.Items[i])
				}
			})
		}
		wg.Wait()
		return out, nil
	})

	// finishing stores each result as it finishes: in finishing order.
	finishing = processes.Register("check04test.finishing", func(ctx context.Context, b check.Batch) ([]int, error) {
		var mu sync.Mutex
		var out []int
		next := make(chan check.Item)
		var wg sync.WaitGroup
		for range b.Goroutines {
			wg.Go(func() {
				for it := range next {
					v, _ := check.Work(ctx, it)
					mu.Lock()
					out = append(out, v)
					mu.Unlock()
				}
			})
		}
		for _, it := range b.Items {
			next <- it
		}
		close(next)
		wg.Wait()
		return out, nil
	})

	// sequential runs the items one after the other: no goroutines.
	sequential = processes.Register("check04test.sequential", func(ctx context.Context, b check.Batch) ([]int, error) {
		out := make([]int, len(b.Items))
		for i, it := range b.Items {
			out[i], _ = check.Work(ctx, it)
		}
		return out, nil
	})

	// unbounded starts a goroutine per item, whatever b.Goroutines says.
	unbounded = processes.Register("check04test.unbounded", func(ctx context.Context, b check.Batch) ([]int, error) {
		out := make([]int, len(b.Items))
		var wg sync.WaitGroup
		for i, it := range b.Items {
			wg.Go(func() { out[i], _ = check.Work(ctx, it) })
		}
		wg.Wait()
		return out, nil
	})

	// right is a correct RunBatch, for the wrong Splits.
	right = processes.Register("check04test.right", rightBatch)
)

func rightBatch(ctx context.Context, b check.Batch) ([]int, error) {
	out := make([]int, len(b.Items))
	errs := make([]error, len(b.Items))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(b.Goroutines, len(b.Items)) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = check.Work(ctx, b.Items[i])
			}
		})
	}
	for i := range b.Items {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}

// batches cuts items into procs batches, the bigger first.
func batches(items []check.Item, procs int) [][]check.Item {
	var out [][]check.Item
	for i, first := 0, 0; i < procs; i++ {
		n := len(items) / procs
		if i < len(items)%procs {
			n++
		}
		out = append(out, items[first:first+n])
		first += n
	}
	return out
}

// splitWith is a correct Split around the given registered RunBatch.
func splitWith(batch *processes.Func[check.Batch, []int]) func(context.Context, []check.Item, int, int) ([]int, error) {
	return func(ctx context.Context, items []check.Item, procs, goroutines int) ([]int, error) {
		return runBatches(ctx, batch, batches(items, procs), goroutines)
	}
}

// runBatches runs batch on each of parts in a process of its own, all at
// once, and joins their results in order: the rest of a right Split, once
// the items are cut into parts.
func runBatches(ctx context.Context, batch *processes.Func[check.Batch, []int], parts [][]check.Item, goroutines int) ([]int, error) {
	var ps []*processes.Process[[]int]
	for _, b := range parts {
		p := processes.New(batch, check.Batch{Items: b, Goroutines: goroutines})
		if err := p.Start(ctx); err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	var out []int
	var errs []error
	for _, p := range ps {
		rs, err := p.Wait(ctx)
		out, errs = append(out, rs...), append(errs, err)
	}
	return out, errors.Join(errs...)
}

// answer pairs a Split with a RunBatch the check can call in this process
// (the wrong RunBatches run in the children, through their registrations).
func answer(split func(context.Context, []check.Item, int, int) ([]int, error)) check.SplitAnswer {
	return check.SplitAnswer{RunBatch: rightBatch, Split: split}
}

func TestSplitRejectsResultsThrownAway(t *testing.T) {
	exercise.Rejected(t, check.Split.Run(answer(splitWith(discarding)), roomy), "thrown away")
}

func TestSplitRejectsResultsInFinishingOrderInsideAChild(t *testing.T) {
	exercise.Rejected(t, check.Split.Run(answer(splitWith(finishing)), roomy), "in the order they finished")
}

func TestSplitRejectsBatchesInTheOrderTheChildrenFinish(t *testing.T) {
	asTheyFinish := func(ctx context.Context, items []check.Item, procs, goroutines int) ([]int, error) {
		type done struct{ results []int }
		finished := make(chan done)
		var wg sync.WaitGroup
		for _, b := range batches(items, procs) {
			p := processes.New(right, check.Batch{Items: b, Goroutines: goroutines})
			if err := p.Start(ctx); err != nil {
				return nil, err
			}
			wg.Go(func() {
				rs, _ := p.Wait(ctx)
				finished <- done{rs}
			})
		}
		var out []int
		for range procs {
			out = append(out, (<-finished).results...)
		}
		wg.Wait()
		return out, nil
	}
	exercise.Rejected(t, check.Split.Run(answer(asTheyFinish), roomy), "in the order they finished")
}

func TestSplitRejectsGoroutinesOneAfterTheOtherInAChild(t *testing.T) {
	exercise.Rejected(t, check.Split.Run(answer(splitWith(sequential)), quick, roomy), "inside a child run one after the other")
}

func TestSplitRejectsAGoroutinePerItem(t *testing.T) {
	exercise.Rejected(t, check.Split.Run(answer(splitWith(unbounded)), roomy), "a goroutine per item")
}

func TestSplitRejectsAProcessPerItem(t *testing.T) {
	perItem := func(ctx context.Context, items []check.Item, _, goroutines int) ([]int, error) {
		return splitWith(right)(ctx, items, len(items), goroutines)
	}
	exercise.Rejected(t, check.Split.Run(answer(perItem), roomy), "a process per item")
}

func TestSplitRejectsChildrenOneAfterTheOther(t *testing.T) {
	oneByOne := func(ctx context.Context, items []check.Item, procs, goroutines int) ([]int, error) {
		var out []int
		for _, b := range batches(items, procs) {
			p := processes.New(right, check.Batch{Items: b, Goroutines: goroutines})
			if err := p.Start(ctx); err != nil {
				return nil, err
			}
			rs, err := p.Wait(ctx) // before the next one starts
			if err != nil {
				return nil, err
			}
			out = append(out, rs...)
		}
		return out, nil
	}
	exercise.Rejected(t, check.Split.Run(answer(oneByOne), quick, roomy), "each process is waited for before the next one starts")
}

func TestSplitRejectsRunningTheBatchesInThisProcess(t *testing.T) {
	here := func(ctx context.Context, items []check.Item, procs, goroutines int) ([]int, error) {
		var out []int
		for _, b := range batches(items, procs) {
			rs, err := rightBatch(ctx, check.Batch{Items: b, Goroutines: goroutines})
			if err != nil {
				return nil, err
			}
			out = append(out, rs...)
		}
		return out, nil
	}
	exercise.Rejected(t, check.Split.Run(answer(here), quick, roomy), "Split calls RunBatch itself")
}

func TestSplitRejectsASplitThatDropsTheRemainder(t *testing.T) {
	dropping := func(ctx context.Context, items []check.Item, procs, goroutines int) ([]int, error) {
		n := len(items) / procs // 11 / 2 = 5: the eleventh item is in no batch
		var parts [][]check.Item
		for i := range procs {
			parts = append(parts, items[i*n:(i+1)*n])
		}
		return runBatches(ctx, right, parts, goroutines)
	}
	exercise.Rejected(t, check.Split.Run(answer(dropping), roomy), "an item was skipped")
}

func TestSplitRejectsARaceInRunBatch(t *testing.T) {
	if !exercise.RaceEnabled {
		t.Skip("the race is in the child, which only the race detector stops: go test -race")
	}
	exercise.Rejected(t, check.Split.Run(answer(splitWith(racing)), roomy), "a data race in RunBatch, inside the child")
}

func TestSplitRejectsReturningAtTheFirstFailedChild(t *testing.T) {
	type done struct {
		i   int
		rs  []int
		err error
	}
	var (
		results chan done
		waiting int // senders whose result was not taken
	)
	firstError := func(ctx context.Context, items []check.Item, procs, goroutines int) ([]int, error) {
		parts := batches(items, procs)
		results, waiting = make(chan done), len(parts) // unbuffered: the senders after an error block for ever
		for i, b := range parts {
			p := processes.New(right, check.Batch{Items: b, Goroutines: goroutines})
			if err := p.Start(ctx); err != nil {
				return nil, err
			}
			go func() {
				rs, err := p.Wait(ctx)
				results <- done{i, rs, err}
			}()
		}
		out := make([][]int, len(parts))
		for range parts {
			d := <-results
			waiting--
			if d.err != nil {
				return nil, d.err
			}
			out[d.i] = d.rs
		}
		return slices.Concat(out...), nil
	}
	exercise.Rejected(t, check.Split.Run(answer(firstError), roomy), "returning at the first error leaves the other children running")
	for range waiting { // the answer's leak, ended here so that this package leaks nothing
		<-results
	}
}

func TestSplitRejectsAPoolClosedButNotJoined(t *testing.T) {
	onAPool := func(ctx context.Context, items []check.Item, procs, goroutines int) ([]int, error) {
		var parts []check.Batch
		for _, b := range batches(items, procs) {
			parts = append(parts, check.Batch{Items: b, Goroutines: goroutines})
		}
		pool, err := processes.NewPool(procs)
		if err != nil {
			return nil, err
		}
		defer pool.Close() // and no Join: the workers exit after Split has returned
		rs, err := processes.Map(ctx, pool, right, parts, processes.WithChunkSize(1))
		return slices.Concat(rs...), err
	}
	exercise.Rejected(t, check.Split.Run(answer(onAPool), roomy), "pool.Join, after pool.Close (Close alone does not wait)")
}

func TestSplitRejectsBatchesRoundedUp(t *testing.T) {
	roundedUp := func(ctx context.Context, items []check.Item, procs, goroutines int) ([]int, error) {
		size := len(items)/procs + 1 // the Python program's: 3 items on 3 processes make batches of 2, 1 and 0
		var parts [][]check.Item
		for i := range procs {
			parts = append(parts, items[min(i*size, len(items)):min((i+1)*size, len(items))])
		}
		return runBatches(ctx, right, parts, goroutines)
	}
	exercise.Rejected(t, check.Split.Run(answer(roundedUp), roomy), "the batch size rounded up")
}

// --- exercise 2: RunInDirs ---

func TestRunInDirsRejectsGoroutinesThatChangeDirectory(t *testing.T) {
	goroutines := func(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask) ([]string, error) {
		out := make([]string, len(tasks))
		errs := make([]error, len(tasks))
		var wg sync.WaitGroup
		for i, tk := range tasks {
			wg.Go(func() {
				if errs[i] = os.Chdir(tk.Dir); errs[i] == nil {
					out[i], errs[i] = task.Call(ctx, tk)
				}
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return out, err
			}
		}
		return out, nil
	}
	exercise.Rejected(t, check.RunInDirs.Run(goroutines, roomy),
		"os.Chdir changes the working directory of this whole process", "goroutines share one working directory")
}

func TestRunInDirsRejectsGoroutinesThatChangeDirectoryAndBack(t *testing.T) {
	here, err := os.Getwd()
	require.NoError(t, err)
	andBack := func(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask) ([]string, error) {
		defer os.Chdir(here) // tidy, and still wrong while it runs
		out := make([]string, len(tasks))
		var wg sync.WaitGroup
		for i, tk := range tasks {
			wg.Go(func() {
				if os.Chdir(tk.Dir) == nil {
					out[i], _ = task.Call(ctx, tk)
				}
			})
		}
		wg.Wait()
		return out, nil
	}
	exercise.Rejected(t, check.RunInDirs.Run(andBack, roomy), "goroutines share one working directory")
}

func startDirs(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask, withDir bool) ([]*processes.Process[string], error) {
	var ps []*processes.Process[string]
	for _, tk := range tasks {
		var opts []processes.Option
		if withDir {
			opts = append(opts, processes.WithDir(tk.Dir))
		}
		p := processes.New(task, tk, opts...)
		if err := p.Start(ctx); err != nil {
			return ps, err
		}
		ps = append(ps, p)
	}
	return ps, nil
}

func waitDirs(ctx context.Context, ps []*processes.Process[string]) ([]string, error) {
	var out []string
	for _, p := range ps {
		dir, err := p.Wait(ctx)
		if err != nil {
			return out, err
		}
		out = append(out, dir)
	}
	return out, nil
}

func TestRunInDirsRejectsChildrenLeftInThisDirectory(t *testing.T) {
	noDir := func(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask) ([]string, error) {
		ps, err := startDirs(ctx, task, tasks, false)
		if err != nil {
			return nil, err
		}
		return waitDirs(ctx, ps)
	}
	exercise.Rejected(t, check.RunInDirs.Run(noDir, roomy), "a child starts where its parent is")
}

func TestRunInDirsRejectsOneChildAfterTheOther(t *testing.T) {
	oneByOne := func(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask) ([]string, error) {
		var out []string
		for _, tk := range tasks {
			ps, err := startDirs(ctx, task, []check.DirTask{tk}, true)
			if err != nil {
				return nil, err
			}
			dirs, err := waitDirs(ctx, ps)
			if err != nil {
				return nil, err
			}
			out = append(out, dirs...)
		}
		return out, nil
	}
	exercise.Rejected(t, check.RunInDirs.Run(oneByOne, quick, roomy), "each process is waited for before the next starts")
}

func TestRunInDirsRejectsChangingThisProcesssDirectoryBeforeEachStart(t *testing.T) {
	chdirFirst := func(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask) ([]string, error) {
		var ps []*processes.Process[string]
		for _, tk := range tasks {
			if err := os.Chdir(tk.Dir); err != nil { // the child starts here: it works, and moves this process too
				return nil, err
			}
			p := processes.New(task, tk)
			if err := p.Start(ctx); err != nil {
				return nil, err
			}
			ps = append(ps, p)
		}
		return waitDirs(ctx, ps)
	}
	exercise.Rejected(t, check.RunInDirs.Run(chdirFirst, roomy), "os.Chdir changes the working directory of this whole process")
}

func TestRunInDirsRejectsChangingThisProcesssDirectoryAndBackAroundEachStart(t *testing.T) {
	here, err := os.Getwd()
	require.NoError(t, err)
	andBack := func(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask) ([]string, error) {
		var ps []*processes.Process[string]
		for _, tk := range tasks {
			if err := os.Chdir(tk.Dir); err != nil {
				return nil, err
			}
			p := processes.New(task, tk)
			err := p.Start(ctx) // the child starts in tk.Dir, and so, meanwhile, is this process
			if cerr := os.Chdir(here); cerr != nil || err != nil {
				return nil, errors.Join(err, cerr)
			}
			ps = append(ps, p)
		}
		return waitDirs(ctx, ps)
	}
	exercise.Rejected(t, check.RunInDirs.Run(andBack, roomy), "os.Chdir before Start changes the working directory of this whole process")
}

func TestRunInDirsRejectsReturningAtTheFirstError(t *testing.T) {
	firstError := func(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask) ([]string, error) {
		ps, err := startDirs(ctx, task, tasks, true)
		if err != nil {
			return nil, err
		}
		return waitDirs(ctx, ps) // in order, and out at the first error: the later children are left running
	}
	exercise.Rejected(t, check.RunInDirs.Run(firstError, roomy), "returning at the first error leaves the other children running")
}

func TestRunInDirsRejectsChildrenThatIgnoreTheContext(t *testing.T) {
	background := func(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask) ([]string, error) {
		ps, err := startDirs(context.Background(), task, tasks, true) // the caller's cancel never reaches them
		if err != nil {
			return nil, err
		}
		var out []string
		var errs []error
		for _, p := range ps {
			dir, err := p.Wait(context.Background())
			out, errs = append(out, dir), append(errs, err)
		}
		return out, errors.Join(errs...)
	}
	exercise.Rejected(t, check.RunInDirs.Run(background, roomy), "context.Background() hears nothing of the caller's cancel")
}

// --- exercise 3: FitCores ---

// startReports runs report in procs children, child i with opts(i).
func startReports(ctx context.Context, report *processes.Func[int, check.Threads], procs int, opts func(i int) []processes.Option) ([]check.Threads, error) {
	var ps []*processes.Process[check.Threads]
	for i := range procs {
		p := processes.New(report, i, opts(i)...)
		if err := p.Start(ctx); err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	var out []check.Threads
	for _, p := range ps {
		r, err := p.Wait(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func gomaxprocs(n int) []processes.Option {
	return []processes.Option{processes.WithEnv("GOMAXPROCS=" + strconv.Itoa(n))}
}

func TestFitCoresRejectsChildrenLeftWithTheDefault(t *testing.T) {
	unset := func(ctx context.Context, report *processes.Func[int, check.Threads], procs, _ int) ([]check.Threads, error) {
		return startReports(ctx, report, procs, func(int) []processes.Option { return nil })
	}
	exercise.Rejected(t, check.FitCores.Run(unset, roomy), "Set it per child")
}

func TestFitCoresRejectsEveryChildGivenAllTheCores(t *testing.T) {
	all := func(ctx context.Context, report *processes.Func[int, check.Threads], procs, cores int) ([]check.Threads, error) {
		return startReports(ctx, report, procs, func(int) []processes.Option { return gomaxprocs(cores) })
	}
	exercise.Rejected(t, check.FitCores.Run(all, roomy), "more than its share")
}

func TestFitCoresRejectsTheRemainderGivenToEveryChild(t *testing.T) {
	roundedUp := func(ctx context.Context, report *processes.Func[int, check.Threads], procs, cores int) ([]check.Threads, error) {
		return startReports(ctx, report, procs, func(int) []processes.Option { return gomaxprocs((cores + procs - 1) / procs) })
	}
	exercise.Rejected(t, check.FitCores.Run(roundedUp, roomy), "more than its share")
}

func TestFitCoresRejectsAShareOfZero(t *testing.T) {
	zero := func(ctx context.Context, report *processes.Func[int, check.Threads], procs, cores int) ([]check.Threads, error) {
		return startReports(ctx, report, procs, func(i int) []processes.Option {
			share := cores / procs
			if i < cores%procs {
				share++
			}
			return gomaxprocs(share) // 0 for the third of 3 children on 2 cores
		})
	}
	exercise.Rejected(t, check.FitCores.Run(zero, roomy), "give each child at least 1")
}

func TestFitCoresRejectsSettingThisProcesssGOMAXPROCS(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	t.Cleanup(func() { runtime.GOMAXPROCS(before) })
	inParent := func(ctx context.Context, report *processes.Func[int, check.Threads], procs, cores int) ([]check.Threads, error) {
		runtime.GOMAXPROCS(max(1, cores/procs)) // this process's
		return startReports(ctx, report, procs, func(int) []processes.Option { return nil })
	}
	// When the share happens to be this process's GOMAXPROCS already, the
	// call changes nothing the check can see, and the children's inherited
	// value is what gives it away.
	exercise.Rejected(t, check.FitCores.Run(inParent, roomy), "runtime.GOMAXPROCS changes this process's threads", "runtime.GOMAXPROCS or os.Setenv here")
}

func TestFitCoresRejectsSettingThisProcesssEnvironment(t *testing.T) {
	viaSetenv := func(ctx context.Context, report *processes.Func[int, check.Threads], procs, cores int) ([]check.Threads, error) {
		os.Setenv("GOMAXPROCS", strconv.Itoa(max(1, cores/procs))) // inherited by every child: right numbers, wrong place
		return startReports(ctx, report, procs, func(int) []processes.Option { return nil })
	}
	exercise.Rejected(t, check.FitCores.Run(viaSetenv, roomy), "os.Setenv changes the environment of this whole process")
}

func TestFitCoresRejectsSettingThisProcesssEnvironmentAndBack(t *testing.T) {
	andBack := func(ctx context.Context, report *processes.Func[int, check.Threads], procs, cores int) ([]check.Threads, error) {
		old := os.Getenv("GOMAXPROCS")
		defer os.Setenv("GOMAXPROCS", old) // tidy at the end, and wrong while it runs
		return startReports(ctx, report, procs, func(i int) []processes.Option {
			share := max(1, cores/procs)
			if i < cores%procs {
				share++
			}
			os.Setenv("GOMAXPROCS", strconv.Itoa(share)) // for child i, which starts next, and for this whole process
			return nil
		})
	}
	exercise.Rejected(t, check.FitCores.Run(andBack, roomy), "os.Setenv before Start changes the environment of this whole process")
}

func TestFitCoresRejectsReportingFromThisProcess(t *testing.T) {
	here := func(ctx context.Context, report *processes.Func[int, check.Threads], procs, _ int) ([]check.Threads, error) {
		var out []check.Threads
		for i := range procs {
			r, err := report.Call(ctx, i)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, nil
	}
	exercise.Rejected(t, check.FitCores.Run(here, roomy), "report.Call runs it here")
}
