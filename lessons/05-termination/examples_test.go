package termination_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/children"
)

// runExample runs an example as a learner does (go run, whose built
// program is cached), and returns what it printed. Where the test adopts
// orphans (see adoptOrphans), a process the example left behind, running
// or never waited for, is this process's child once the example has
// exited: every one found is reaped, and returned.
func runExample(t *testing.T, name string, args ...string) (string, []children.Child) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: runs the examples")
	}
	var out bytes.Buffer
	cmd := exec.Command("go", append([]string{"run", "./examples/" + name}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Run(), "%s %v:\n%s", name, args, out.String())
	left, err := children.List()
	require.NoError(t, err)
	children.Reap(left)
	return out.String(), left
}

// Every example runs to its end and leaves no process behind. The orphans
// example kills a child whose own child then exits by itself: the only
// process it may leave is that grandchild, exited, which this process
// adopted (init reaps such orphans, where nobody adopts them).
func TestExamplesLeaveNoProcessBehind(t *testing.T) {
	if !adoptOrphans(t) {
		t.Skip("only Linux hands orphans to a subreaper, which is how the test sees them")
	}
	runs := map[string][]string{
		"terminate": {"-tick=20ms"}, "event": {"-tick=20ms"}, "first-wins": nil, "ladder": {"-workers=2,8"},
		"torn": {"-kills=3"}, "flock": nil, "cleanup": nil, "orphans": nil, "cmd-cancel": nil,
	}
	entries, err := os.ReadDir("examples")
	require.NoError(t, err)
	for _, e := range entries {
		_, ok := runs[e.Name()]
		assert.True(t, ok, "examples/%s is not run by this test", e.Name())
	}
	for name, args := range runs {
		t.Run(name, func(t *testing.T) {
			out, left := runExample(t, name, args...)
			if name == "torn" {
				assert.Contains(t, out, "torn items handed out: 0\n")
				assert.Contains(t, out, "parts of a result handed out: 0\n")
				assert.Contains(t, out, "a put and a get after the kills: <nil> true\n")
			}
			if name == "orphans" {
				m := regexp.MustCompile(`grandchild \(pid (\d+)\) was gone`).FindStringSubmatch(out)
				require.NotNil(t, m, out)
				pid, _ := strconv.Atoi(m[1])
				if len(left) == 1 && left[0].PID == pid {
					return // the grandchild, adopted, exiting by itself: its lock came free
				}
			}
			assert.Empty(t, left, "%s left processes behind:\n%s\nits output:\n%s", name, children.Describe(left), out)
		})
	}
}

var (
	drewLineRE = regexp.MustCompile(`(?m)^w(\d) drew (\d\.\d\d)$`)
	listRE     = regexp.MustCompile(`\d\.\d+|\d`)
)

// drawnBy is each worker's own account of what it drew, from the lines it
// printed as it drew.
func drawnBy(section string) map[int][]string {
	own := map[int][]string{}
	for _, m := range drewLineRE.FindAllStringSubmatch(section, -1) {
		w, _ := strconv.Atoi(m[1])
		own[w] = append(own[w], m[2])
	}
	return own
}

// sections splits an example's output at its "== " headings.
func sections(out string) []string {
	parts := strings.Split(out, "\n== ")
	return parts[1:]
}

func line(t *testing.T, section, prefix string) string {
	t.Helper()
	for l := range strings.Lines(section) {
		if strings.HasPrefix(l, prefix) {
			return strings.TrimSpace(strings.TrimPrefix(l, prefix))
		}
	}
	t.Fatalf("no line %q in:\n%s", prefix, section)
	return ""
}

// 5.1: what terminate loses is what the workers said they drew and the
// callbacks never got; the fix loses nothing. Counted against the
// workers' own prints, for several seeds.
func TestTerminateCountsWhatItLost(t *testing.T) {
	adoptOrphans(t)
	for _, args := range [][]string{{"-tick=20ms"}, {"-tick=20ms", "-random"}, {"-tick=20ms", "-random"}, {"-tick=20ms", "-seed=3"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, _ := runExample(t, "terminate", args...)
			parts := sections(out)
			require.Len(t, parts, 2, out)
			for i, s := range parts {
				own := drawnBy(s)
				var drew []string
				for w := range 3 {
					require.Len(t, own[w], 1, "worker %d drew one value:\n%s", w, s)
					drew = append(drew, own[w][0])
				}
				got := listRE.FindAllString(line(t, s, "collected"), -1)
				lost := line(t, s, "lost")
				if i == 1 {
					assert.Equal(t, "none", lost, "the fix loses nothing:\n%s", s)
					assert.ElementsMatch(t, drew, got, "every value drawn was collected:\n%s", s)
					continue
				}
				var lostValues []string
				if lost != "none" {
					for _, m := range regexp.MustCompile(`(\d\.\d\d) \(w\d\)`).FindAllStringSubmatch(lost, -1) {
						lostValues = append(lostValues, m[1])
					}
				}
				assert.ElementsMatch(t, drew, slices.Concat(got, lostValues), "collected and lost are all that was drawn:\n%s", s)
			}
		})
	}
}

// 5.2: all_outputs holds every value each worker drew, in order, by the
// worker's own account, both ways, for several seeds and sizes.
func TestEventReturnsEveryValueDrawn(t *testing.T) {
	adoptOrphans(t)
	for _, args := range [][]string{{"-tick=20ms"}, {"-tick=10ms", "-random"}, {"-tick=10ms", "-random", "-procs=4"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, _ := runExample(t, "event", args...)
			parts := sections(out)
			require.Len(t, parts, 2, out)
			for _, s := range parts {
				own := drawnBy(s)
				all := line(t, s, "all_outputs =")
				all = all[:strings.Index(all, " - ")]
				lists := regexp.MustCompile(`\[([^\[\]]*)\]`).FindAllStringSubmatch(all, -1)
				for w, l := range lists {
					var returned []string
					for _, f := range strings.Fields(l[1]) {
						x, err := strconv.ParseFloat(f, 64)
						require.NoError(t, err)
						returned = append(returned, fmt.Sprintf("%.2f", x))
					}
					assert.Equal(t, own[w], returned, "worker %d: what it drew came back, in order:\n%s", w, s)
				}
			}
		})
	}
}
