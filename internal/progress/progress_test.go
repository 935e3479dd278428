package progress

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/internal/paste"
	"github.com/gophertutor/concurrency/internal/shipped"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

const root = "../.."

func TestLessonsAndSelect(t *testing.T) {
	all, err := Lessons(root)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(all), 3)
	assert.Equal(t, Lesson{Number: "00", Dir: "lessons/00-overview"}, all[0])

	for _, arg := range []string{"1", "01", "01-processes"} {
		got, err := Select(all, arg)
		require.NoError(t, err, arg)
		assert.Equal(t, "lessons/01-processes", got[0].Dir)
	}
	got, err := Select(all, "")
	require.NoError(t, err)
	assert.Equal(t, all, got)
	_, err = Select(all, "42")
	assert.ErrorContains(t, err, `no lesson "42"`)
}

// On a fresh clone, every exercise is not attempted.
func TestRunOnTheStubs(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs go test")
	}
	started, err := Started(root)
	require.NoError(t, err)
	shipped.SkipIfStarted(t, started)
	all, err := Lessons(root)
	require.NoError(t, err)
	rows, err := Run(context.Background(), root, all)
	require.NoError(t, err)
	require.Len(t, rows, len(exercises()), "a row per exercise")
	for _, r := range rows {
		assert.Equal(t, NotAttempted, r.Status, "%s/%s: %s", r.Lesson.Number, r.Exercise, r.Message)
	}
	table := Table(rows)
	assert.Contains(t, table, "SquaresAndCubes")
	assert.Contains(t, table, "read lessons/00-overview/README.md#exercise-1-squares-and-cubes-side-by-side")
	assert.Contains(t, table, fmt.Sprintf("0 done, %d not attempted, 0 failing", len(exercises())))
}

// overlay writes stub replacements and returns the -overlay flag.
func overlay(t *testing.T, files map[string]string) string {
	t.Helper()
	content := map[string][]byte{}
	for rel, src := range files {
		abs, err := filepath.Abs(filepath.Join(root, rel))
		require.NoError(t, err)
		content[abs] = []byte(src)
	}
	path, err := paste.WriteOverlay(t.TempDir(), content)
	require.NoError(t, err)
	return "-overlay=" + path
}

func TestRunSeesDoneFailingAndBroken(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs go test")
	}
	all, err := Lessons(root)
	require.NoError(t, err)
	lesson00, err := Select(all, "0")
	require.NoError(t, err)

	solved, err := paste.Overlay(filepath.Join(root, "lessons/00-overview/exercises"), filepath.Join(root, "solutions/00-overview"))
	require.NoError(t, err)
	files := map[string]string{}
	for abs, src := range solved {
		rel, err := filepath.Rel(mustAbs(t, root), abs)
		require.NoError(t, err)
		files[rel] = string(src)
	}
	// A wrong answer for exercise 4: it sums everything in one goroutine.
	files["lessons/00-overview/exercises/parallel_sum.go"] = `package exercises

// ParallelSum is wrong on purpose: one call of sum for everything.
func ParallelSum(nums []int, workers int, sum func(part []int) int) int {
	return sum(nums) + sum(nil)*workers
}
`
	rows, err := Run(context.Background(), root, lesson00, overlay(t, files))
	require.NoError(t, err)
	if cgo(t) {
		assert.Equal(t, RaceChecked, rows[0].Race, "started exercises are checked with -race")
	}
	status := map[string]Status{}
	for _, r := range rows {
		status[r.Exercise] = r.Status
	}
	assert.Equal(t, map[string]Status{"SquaresAndCubes": Done, "SquaresInChild": Done, "Counter": Done, "ParallelSum": Failing}, status)
	table := Table(rows)
	assert.Contains(t, table, "3 done, 0 not attempted, 1 failing")
	assert.Contains(t, table, "First failure: lesson 00, ParallelSum")
	assert.Contains(t, table, "ParallelSum is not solved yet.")

	broken := map[string]string{"lessons/00-overview/exercises/counter.go": "package exercises\n\nfunc oops( {\n"}
	rows, err = Run(context.Background(), root, lesson00, overlay(t, broken))
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, Broken, rows[0].Status)
	assert.Contains(t, rows[0].Message, "counter.go")
}

// cgo reports whether go test -race can run here.
func cgo(t *testing.T) bool {
	t.Helper()
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out)) == "1"
}

// The example: lesson 00's ParallelSum with `total += …` in each
// goroutine. Without the race detector it once showed as done; its check
// now makes the goroutines collide, which loses a partial sum on two CPUs
// or more, and :check runs the race detector, which reports it on any
// machine, with the course's explanation.
func TestRunCatchesARaceTheChecksCannotForce(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs go test -race")
	}
	if !cgo(t) {
		t.Skip("no cgo here: the race detector cannot run (TestRunSaysWhenRacesAreNotChecked covers this machine)")
	}
	lesson00 := []Lesson{{Number: "00", Dir: "lessons/00-overview"}}
	racy := map[string]string{"lessons/00-overview/exercises/parallel_sum.go": `package exercises

import "sync"

// ParallelSum is wrong on purpose: every goroutine adds to one total.
func ParallelSum(nums []int, workers int, sum func(part []int) int) int {
	total := 0
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(nums)/workers, (w+1)*len(nums)/workers
		wg.Go(func() { total += sum(nums[lo:hi]) })
	}
	wg.Wait()
	return total
}
`}
	rows, err := Run(context.Background(), root, lesson00, overlay(t, racy))
	require.NoError(t, err)
	for _, r := range rows {
		if r.Exercise != "ParallelSum" {
			continue
		}
		assert.Equal(t, Failing, r.Status, r.Message)
		assert.Contains(t, r.Message, "WARNING: DATA RACE")
		assert.Contains(t, r.Message, "likely mistake: ")
		assert.Contains(t, Table(rows), "Checked with the race detector")
		return
	}
	t.Fatalf("no ParallelSum row in %v", rows)
}

// Without cgo, :check still runs, and the table says that races were not
// checked.
// The same where cgo is on but its C compiler is missing: Run asks go env
// first, so the learner sees the checks, not a failed build of runtime/cgo.
func TestRunSaysWhenRacesAreNotChecked(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs go test")
	}
	for name, env := range map[string][2]string{
		"no cgo":        {"CGO_ENABLED", "0"},
		"no C compiler": {"CC", filepath.Join(t.TempDir(), "no-such-cc")},
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv(env[0], env[1])
			lesson00 := []Lesson{{Number: "00", Dir: "lessons/00-overview"}}
			solved := map[string]string{"lessons/00-overview/exercises/counter.go": mustRead(t, "solutions/00-overview/counter.go")}
			solved["lessons/00-overview/exercises/counter.go"] = strings.Replace(solved["lessons/00-overview/exercises/counter.go"], "package solutions", "package exercises", 1)
			rows, err := Run(context.Background(), root, lesson00, overlay(t, solved))
			require.NoError(t, err)
			assert.Equal(t, RaceUnavailable, rows[0].Race)
			assert.Contains(t, Table(rows), "Race not checked: the race detector needs cgo")
			for _, r := range rows {
				if r.Exercise == "Counter" {
					assert.Equal(t, Done, r.Status, r.Message)
				}
			}
		})
	}
}

func mustRead(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, rel))
	require.NoError(t, err)
	return string(data)
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	require.NoError(t, err)
	return abs
}

func TestHint(t *testing.T) {
	e, err := Hint("countprimes")
	require.NoError(t, err)
	assert.Equal(t, "01", e.Lesson)
	assert.Contains(t, Describe(e), "hint: processes.NewPool(workers)")
	e, err = Hint("0/Counter")
	require.NoError(t, err)
	assert.Equal(t, "Counter", e.Name)
	_, err = Hint("Nope")
	assert.ErrorContains(t, err, "there are: 00/Counter")
}

func TestStartedNamesTheStubsWithoutTODO(t *testing.T) {
	dir := t.TempDir()
	for _, e := range exercises() {
		path := filepath.Join(dir, e.File)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		src := "package exercises\n\nfunc F() { exercise.TODO() }\n"
		switch e.Name {
		case "Counter":
			src = "package exercises\n\nfunc F() {}\n"
		case "TaskQueue":
			src = "package exercises\n\nfunc F() {\n\t// exercise.TODO() // replace this line with your answer\n}\n"
		case "Tally":
			src = "package exercises\n\nfunc F() { exercise.TODO() \n" // being typed: does not parse
		}
		require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	}
	started, err := Started(dir)
	require.NoError(t, err)
	assert.Equal(t, []string{"00/Counter", "01/TaskQueue", "02/Tally"}, started)
}

// A panic in a goroutine of the learner's code ends the test program
// before the check can speak: the row explains the crash, names the
// learner's line and keeps the runtime's report.
func TestExplainCrash(t *testing.T) {
	report := "=== RUN   TestParallelSum\n" +
		"panic: runtime error: slice bounds out of range [:11] with capacity 10 [recovered, repanicked]\n\n" +
		"goroutine 9 [running]:\n" +
		"sync.(*WaitGroup).Go.func1.1()\n\t/usr/local/go/src/sync/waitgroup.go:251 +0x45\n" +
		"github.com/gophertutor/concurrency/lessons/00-overview/exercises.ParallelSum.func1()\n" +
		"\t/home/me/concurrency/lessons/00-overview/exercises/parallel_sum.go:11 +0xf1\n"
	got := explainCrash("ParallelSum", report)
	assert.Contains(t, got, "ParallelSum is not solved yet.")
	assert.Contains(t, got, "crashed (panic: runtime error: slice bounds out of range [:11] with capacity 10), "+
		"at lessons/00-overview/exercises/parallel_sum.go:11")
	assert.Contains(t, got, "likely mistake: an index or a slice bound past the end")
	assert.Contains(t, got, report[len("=== RUN   TestParallelSum\n"):], "the runtime's report is kept")

	maps := explainCrash("Download", "fatal error: concurrent map writes\n\ngoroutine 7 [running]:\n")
	assert.Contains(t, maps, "likely mistake: goroutines used one map at the same time")

	said := "Download is not solved yet.\n    expected: ...\npanic: later\n"
	assert.Equal(t, said, explainCrash("Download", said), "a check's own message stays as it is")
	assert.Equal(t, "no crash here", explainCrash("Download", "no crash here"))
}
