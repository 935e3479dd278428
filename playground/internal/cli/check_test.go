package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/paste"
	"github.com/gophertutor/concurrency/internal/progress"
	"github.com/gophertutor/concurrency/internal/shipped"
)

// freshCopy copies the repository's tracked files into a temporary
// directory and returns its path: a fresh clone, as long as the work tree
// has no changes (the learner's answers are copied too: see the skip in
// TestCheckOnAFreshCloneThenWithASolution).
func freshCopy(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git to list the tracked files")
	}
	src, err := filepath.Abs("../../..")
	require.NoError(t, err)
	out, err := exec.Command("git", "-C", src, "ls-files", "-z").Output()
	require.NoError(t, err, "git ls-files")
	dst := t.TempDir()
	for _, rel := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		b, err := os.ReadFile(filepath.Join(src, rel))
		if os.IsNotExist(err) {
			continue // deleted in the work tree, not yet committed
		}
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Join(dst, filepath.Dir(rel)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dst, rel), b, 0o644))
	}
	return dst
}

// pasteSolution writes the reference solution of one stub file of lesson
// 00 over the stub, as a learner who gives up would.
func pasteSolution(t *testing.T, root, stub string) {
	t.Helper()
	solved, err := paste.Overlay(filepath.Join(root, "lessons/00-overview/exercises"), filepath.Join(root, "solutions/00-overview"))
	require.NoError(t, err)
	path := filepath.Join(root, "lessons/00-overview/exercises", stub)
	src, ok := solved[path]
	require.True(t, ok, "no solution for %s", stub)
	require.NoError(t, os.WriteFile(path, src, 0o644))
}

// status finds an exercise's status in a progress table.
func status(t *testing.T, table, exercise string) string {
	t.Helper()
	for _, line := range strings.Split(table, "\n") {
		if f := strings.Fields(line); len(f) >= 3 && f[1] == exercise {
			return strings.Join(f[2:], " ")
		}
	}
	t.Fatalf("no row for %s in:\n%s", exercise, table)
	return ""
}

// The Done-when: on a fresh clone, check lists every exercise as
// not attempted and exits 0; after one solution is pasted in, that one
// shows done. Lesson 00 only, to keep it quick.
func TestCheckOnAFreshCloneThenWithASolution(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs go test on a copy of the repository")
	}
	started, err := progress.Started("../../..")
	require.NoError(t, err)
	shipped.SkipIfStarted(t, started)
	root := freshCopy(t)
	t.Chdir(filepath.Join(root, "playground")) // check finds the root above

	out, errs, code := run(t, "", "check", "0")
	require.Equal(t, 0, code, errs)
	for _, ex := range []string{"SquaresAndCubes", "SquaresInChild", "Counter", "ParallelSum"} {
		assert.Equal(t, "not attempted", status(t, out, ex)[:len("not attempted")], out)
	}
	assert.Contains(t, out, "0 done, 4 not attempted, 0 failing")

	pasteSolution(t, root, "counter.go")
	out, errs, code = run(t, "", "check", "00-overview")
	require.Equal(t, 0, code, errs)
	assert.Equal(t, "done", status(t, out, "Counter"), out)
	assert.Contains(t, out, "1 done, 3 not attempted, 0 failing")

	wrong := "package exercises\n\n// ParallelSum is wrong on purpose.\nfunc ParallelSum(nums []int, workers int, sum func(part []int) int) int {\n\treturn sum(nums) + sum(nil)*workers\n}\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "lessons/00-overview/exercises/parallel_sum.go"), []byte(wrong), 0o644))
	out, _, code = run(t, "", "check", "0")
	assert.Equal(t, 1, code, "a failing exercise")
	assert.Equal(t, "failing", status(t, out, "ParallelSum")[:len("failing")], out)
	assert.Contains(t, out, "First failure: lesson 00, ParallelSum")
}

func TestCheckRefusesBadArguments(t *testing.T) {
	_, errs, code := run(t, "", "check", "42")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, `no lesson "42"`)
	_, errs, code = run(t, "", "check", "1", "2")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "usage: go run ./playground check [lesson]")

	t.Chdir(t.TempDir())
	_, errs, code = run(t, "", "check")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "not inside the course's repository")
}

func TestCheckSaysWhenGoIsMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, errs, code := run(t, "", "check", "0")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "check needs the go command: the go command is not on PATH")
}
