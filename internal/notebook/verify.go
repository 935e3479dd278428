package notebook

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/shipped"
)

// Verify checks the README at path against the code and its output:
//
//   - every code cell equals its source file or declarations;
//   - every output cell still has the hash the generator recorded, so a
//     block edited by hand fails;
//   - every output cell's command, run again, gives output equal to the
//     recorded block once both are reduced by the cell's rules (in -short
//     mode, and under the race detector, the commands are not run).
//
// Each cell is a subtest; the commands run in parallel.
func Verify(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	doc, err := Parse(string(data))
	require.NoError(t, err)
	require.NotEmpty(t, doc.Cells, "%s has no generated cells", path)
	for _, c := range doc.Cells {
		t.Run(string(c.Kind)+"@line"+strconv.Itoa(c.Line), func(t *testing.T) {
			if err := CheckRecorded(c, path); err != nil {
				if skip := (*SkipError)(nil); errors.As(err, &skip) {
					t.Skip(skip.Reason)
				}
				t.Fatal(err)
			}
			if c.Kind != Output {
				return
			}
			if testing.Short() {
				t.Skip("-short: not running the command again")
			}
			if underRace {
				// The command is a program of its own, built without the race
				// detector (or with it, if the cell says -race): running it from
				// a -race test binary tests nothing go test ./... did not.
				t.Skip("-race: not running the command again (go test ./... does)")
			}
			t.Parallel()
			err := CheckRerun(t.Context(), c, path)
			var skip *SkipError
			if errors.As(err, &skip) {
				t.Skip(skip.Reason)
			}
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

// SkipError is returned by CheckRerun when this machine cannot run the
// cell's command at all (for example go run -race without a C compiler),
// and by CheckRecorded for an exercise the learner has started: a cell
// that shows a stub (a file in an exercises directory) stops matching it as
// soon as the learner starts on it, which must not fail their go test. CI
// sets shipped.Env, and then such a cell is compared like any other.
type SkipError struct{ Reason string }

func (e *SkipError) Error() string { return e.Reason }

// SkipMarker starts the line that a cell's program prints when this
// machine lacks something it needs (python3, taskset): the rest of the line
// says what. Such a cell is skipped on that machine, and cannot be
// recorded there.
const SkipMarker = "notebook: skip: "

// skipped reports whether out has a SkipMarker line, and its reason.
func skipped(out string) (reason string, ok bool) {
	for line := range strings.Lines(out) {
		if r, found := strings.CutPrefix(line, SkipMarker); found {
			return strings.TrimSpace(r), true
		}
	}
	return "", false
}

// isExercise reports whether a code cell's source is a file in an
// exercises directory: the learner's to change.
func isExercise(source string) bool {
	path, _, _ := strings.Cut(source, "#")
	return slices.Contains(strings.Split(filepath.ToSlash(path), "/"), "exercises")
}

// errDrift marks a README that no longer matches the code.
var errDrift = errors.New("the README differs from the code")

// CheckRecorded checks a cell of the README at path without running
// anything: a code cell must equal its source, an output cell must carry the
// hash of its block as generated.
func CheckRecorded(c *Cell, path string) error {
	dir := filepath.Dir(path)
	switch c.Kind {
	case Code:
		want, _, err := codeBody(dir, c.Source)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, c.Line, err)
		}
		if want != c.Body {
			if isExercise(c.Source) && !shipped.Strict() {
				return &SkipError{Reason: fmt.Sprintf("%s:%d: %s is not the stub this cell shows: "+
					"that is your answer, and the README keeps showing the stub (CI checks them with %s=1)",
					path, c.Line, c.Source, shipped.Env)}
			}
			return fmt.Errorf("%s:%d: %w: this code cell is not %s any more; %s\n%s",
				path, c.Line, errDrift, c.Source, regenerate(dir), lineDiff(c.Body, want))
		}
	case Output:
		if _, err := parseRules(c.Rules); err != nil {
			return fmt.Errorf("%s:%d: %w", path, c.Line, err)
		}
		if c.Sum == "" {
			return fmt.Errorf("%s:%d: %w: this output cell was never generated; %s", path, c.Line, errDrift, regenerate(dir))
		}
		if c.Sum != sum(c) {
			return fmt.Errorf("%s:%d: %w: this output block or its caption was edited by hand, but outputs come from running the code; %s",
				path, c.Line, errDrift, regenerate(dir))
		}
	}
	return nil
}

// CheckRerun runs an output cell's command again and compares the fresh
// output with the recorded block under the cell's rules.
func CheckRerun(ctx context.Context, c *Cell, path string) error {
	dir := filepath.Dir(path)
	root, err := Root(dir)
	if err != nil {
		return err
	}
	rules, err := parseRules(c.Rules)
	if err != nil {
		return fmt.Errorf("%s:%d: %w", path, c.Line, err)
	}
	if system, other := otherSystem(rules); other {
		return &SkipError{Reason: fmt.Sprintf("%s:%d: %q measures what only %s has: it is checked there", path, c.Line, c.Source, system)}
	}
	var fresh, diff string
	same := false
	for attempt := 1; attempt <= attempts(rules) && !same; attempt++ {
		out, err := run(ctx, root, c.Source, extraArgs(rules))
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, c.Line, err)
		}
		if strings.Contains(out, "-race requires cgo") {
			return &SkipError{Reason: "the race detector needs cgo on this system, and cgo needs a C compiler (gcc or clang): " +
				"install one to run " + c.Source}
		}
		if reason, ok := skipped(out); ok {
			return &SkipError{Reason: c.Source + ": " + reason}
		}
		fresh = "$ " + c.Source + "\n" + out
		same, diff = Equivalent(c.Body, fresh, rules)
	}
	if !same {
		allowed := describe(rules)
		if allowed == "" {
			allowed = "none: it must match exactly"
		}
		return fmt.Errorf("%s:%d: %w: running %q again gives output that differs from the README\n"+
			"beyond what may vary (%s). If the change is intended, %s.\n"+
			"Compared forms (- README, + fresh run):\n%s\nFresh output:\n%s",
			path, c.Line, errDrift, c.Source, allowed, regenerate(dir), diff, fresh)
	}
	return nil
}

// attempts is how many runs a cell's command gets to match: two for
// output that depends on the scheduler (see TimingDependent), one for the
// rest, which must match the first time.
func attempts(rules []Rule) int {
	if TimingDependent(rules) {
		return 2
	}
	return 1
}

// TimingDependent reports whether rules say that the output depends on
// the scheduler: a timeline's shape, the interleaving of streams, which of
// two timers fires first (timing). On a machine busy with other work (go
// test runs packages in parallel) a sleeping goroutine can wake 100 ms late
// once in a while, so such output gets a second run to match.
func TimingDependent(rules []Rule) bool {
	for _, r := range rules {
		if r.Name == "timeline" || r.Name == "streams" || r.Name == "timing" {
			return true
		}
	}
	return false
}

func regenerate(dir string) string {
	target := dir
	if root, err := Root(dir); err == nil {
		if abs, err := filepath.Abs(dir); err == nil {
			if rel, err := filepath.Rel(root, abs); err == nil {
				target = filepath.ToSlash(rel)
			}
		}
	}
	return "run `go generate ./" + target + "` and review the diff"
}

// lineDiff shows the lines that differ, in a minimal "-/+" form.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	// Longest common subsequence, fine for notebook-sized blocks.
	n, m := len(al), len(bl)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if al[i] == bl[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && al[i] == bl[j]:
			out = append(out, "  "+al[i])
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			out = append(out, "+ "+bl[j])
			j++
		default:
			out = append(out, "- "+al[i])
			i++
		}
	}
	return strings.Join(out, "\n")
}
