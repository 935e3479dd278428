package notebook

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/internal/shipped"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

const sampleREADME = "# Title\n\nProse.\n\n" +
	"<!-- code: hello/main.go#main -->\n```go\nold\n```\n\n" +
	"More prose.\n\n" +
	"<!-- output: go run ./hello | durations -->\n```console\n```\n\nThe end.\n"

const helloMain = `package main

import "fmt"

// main greets.
func main() {
	fmt.Println("hello, took 12ms")
}
`

// sandbox makes a tiny module with a README and a program to run.
func sandbox(t *testing.T) (readme, program string) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module sandbox\n\ngo 1.25\n"), 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "hello"), 0o755))
	program = filepath.Join(dir, "hello", "main.go")
	require.NoError(t, os.WriteFile(program, []byte(helloMain), 0o644))
	readme = filepath.Join(dir, "README.md")
	require.NoError(t, os.WriteFile(readme, []byte(sampleREADME), 0o644))
	return readme, program
}

func generate(t *testing.T, readme string) *Doc {
	t.Helper()
	require.NoError(t, Generate(context.Background(), readme, false, t.Logf))
	data, err := os.ReadFile(readme)
	require.NoError(t, err)
	doc, err := Parse(string(data))
	require.NoError(t, err)
	return doc
}

func TestGenerateThenVerifyAndDrift(t *testing.T) {
	readme, program := sandbox(t)
	doc := generate(t, readme)
	require.Len(t, doc.Cells, 2)
	code, out := doc.Cells[0], doc.Cells[1]

	assert.Equal(t, "// main greets.\nfunc main() {\n\tfmt.Println(\"hello, took 12ms\")\n}", code.Body)
	assert.Equal(t, "go", code.Lang)
	assert.Equal(t, "$ go run ./hello\nhello, took 12ms", out.Body)
	assert.Contains(t, out.Caption, "may differ: durations")
	assert.Len(t, out.Sum, 12)
	assert.Contains(t, doc.Render(), "The end.\n", "prose around cells is kept")

	for _, c := range doc.Cells {
		require.NoError(t, CheckRecorded(c, readme))
	}
	require.NoError(t, CheckRerun(t.Context(), out, readme))

	t.Run("an output block edited by hand fails", func(t *testing.T) {
		edited := *out
		edited.Body = strings.Replace(out.Body, "12ms", "11ms", 1)
		err := CheckRecorded(&edited, readme)
		require.ErrorIs(t, err, errDrift)
		assert.Contains(t, err.Error(), "edited by hand")
	})

	t.Run("a code cell that differs from its file fails", func(t *testing.T) {
		edited := *code
		edited.Body += "\n// extra"
		err := CheckRecorded(&edited, readme)
		require.ErrorIs(t, err, errDrift)
		assert.Contains(t, err.Error(), "+ // extra"[2:])
	})

	t.Run("a program whose output changed fails the rerun", func(t *testing.T) {
		changed := strings.Replace(helloMain, "hello,", "goodbye,", 1)
		require.NoError(t, os.WriteFile(program, []byte(changed), 0o644))
		err := CheckRerun(t.Context(), out, readme)
		require.ErrorIs(t, err, errDrift)
		assert.Contains(t, err.Error(), "- hello, took ⟨d⟩")
		assert.Contains(t, err.Error(), "+ goodbye, took ⟨d⟩")
	})

	t.Run("a new duration passes under the durations rule", func(t *testing.T) {
		changed := strings.Replace(helloMain, "12ms", "1.5s", 1)
		require.NoError(t, os.WriteFile(program, []byte(changed), 0o644))
		require.NoError(t, CheckRerun(t.Context(), out, readme))
	})
}

func TestGenerateIsIdempotent(t *testing.T) {
	readme, _ := sandbox(t)
	generate(t, readme)
	first, err := os.ReadFile(readme)
	require.NoError(t, err)
	doc, err := Parse(string(first))
	require.NoError(t, err)
	assert.Equal(t, string(first), doc.Render())
}

func TestParseErrors(t *testing.T) {
	for name, text := range map[string]string{
		"no block":      "<!-- code: a.go -->\nprose\n",
		"unclosed":      "<!-- output: go run . -->\n```\nx\n",
		"rules on code": "<!-- code: a.go | durations -->\n```\n```\n",
	} {
		_, err := Parse(text)
		assert.Error(t, err, name)
	}
}

func TestCodeBodyPicksDeclarations(t *testing.T) {
	dir := t.TempDir()
	src := `package p

// T is a type.
type T struct{}

// M is a method.
func (t *T) M() {}

var (
	// A is a var in a group.
	A = 1
	B = 2
)

func F() {}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644))
	body, lang, err := codeBody(dir, "p.go#T.M,A,F")
	require.NoError(t, err)
	assert.Equal(t, "go", lang)
	assert.Equal(t, "// M is a method.\nfunc (t *T) M() {}\n\nvar (\n\t// A is a var in a group.\n\tA = 1\n\tB = 2\n)\n\nfunc F() {}", body)

	body, _, err = codeBody(dir, "p.go#A,B")
	require.NoError(t, err)
	assert.Equal(t, 1, strings.Count(body, "var ("), "two names of one group show the group once")

	_, _, err = codeBody(dir, "p.go#Missing")
	assert.ErrorContains(t, err, "no declaration named Missing")
}

func TestSkipMarker(t *testing.T) {
	reason, ok := skipped("A line\n" + SkipMarker + "python3 is not installed\nmore\n")
	assert.True(t, ok)
	assert.Equal(t, "python3 is not installed", reason)
	_, ok = skipped("no marker here, not even in notebook: skip: the middle\n")
	assert.False(t, ok)
}

func TestRunRefusesOtherCommands(t *testing.T) {
	_, err := run(t.Context(), t.TempDir(), "rm -rf /", nil)
	assert.ErrorContains(t, err, "only go commands")
}

// "go -C dir verb" runs in dir, with the rules' flags after the verb.
func TestRunTakesGoDashC(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/sub\n"), 0o644))
	out, err := run(t.Context(), t.TempDir(), "go -C "+dir+" env", []string{"GOMOD"})
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "go.mod"), strings.TrimSpace(out))
	_, err = run(t.Context(), t.TempDir(), "go -C "+dir, nil)
	assert.ErrorContains(t, err, "no go verb after -C dir")
}

// errorRecorder is a testing.TB that keeps the errors reported to it.
type errorRecorder struct {
	testing.TB
	errs []string
}

func (r *errorRecorder) Helper() {}
func (r *errorRecorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestVerifyLinks(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "other.md"), []byte("# Other\n## Part two\n"), 0o644))
	md := "# Top\n## Here\n[ok](#here) [ok](other.md) [ok](other.md#part-two) [web](https://example.com/x)\n" +
		"[bad anchor](#nowhere) [bad file](missing.md) [bad remote anchor](other.md#part-three)\n" +
		"```go\nx := m[k](0)\n```\nand `f[0](1)` is code too\n"
	path := filepath.Join(dir, "README.md")
	require.NoError(t, os.WriteFile(path, []byte(md), 0o644))
	r := &errorRecorder{TB: t}
	VerifyLinks(r, path)
	require.Len(t, r.errs, 3, "%v", r.errs)
	assert.Contains(t, r.errs[0], "#nowhere names no heading")
	assert.Contains(t, r.errs[1], "missing.md leads nowhere")
	assert.Contains(t, r.errs[2], "other.md#part-three names no heading")
}

func TestRegenerateKeepsOutputThatOnlyVariesWhereAllowed(t *testing.T) {
	readme, program := sandbox(t)
	first := generate(t, readme).Cells[1]

	changed := strings.Replace(helloMain, "12ms", "15ms", 1) // only a duration changes
	require.NoError(t, os.WriteFile(program, []byte(changed), 0o644))
	again := generate(t, readme).Cells[1]
	assert.Equal(t, first.Body, again.Body, "a new timing alone does not rewrite the output block")
	assert.Equal(t, first.Sum, again.Sum)

	require.NoError(t, Generate(context.Background(), readme, true, t.Logf))
	data, err := os.ReadFile(readme)
	require.NoError(t, err)
	assert.Contains(t, string(data), "$ go run ./hello\nhello, took 15ms", "-rerecord records afresh")

	changed = strings.Replace(helloMain, "hello", "hi", 1) // the words change
	require.NoError(t, os.WriteFile(program, []byte(changed), 0o644))
	assert.Equal(t, "$ go run ./hello\nhi, took 12ms", generate(t, readme).Cells[1].Body)
}

// TestAnExerciseTheLearnerChangedIsNotDrift: a code cell that shows an
// exercise stub stops matching it once the learner starts on it; that
// skips the cell instead of failing their go test, except under shipped.Env
// (CI), where a stub that no longer matches its README is drift.
func TestAnExerciseTheLearnerChangedIsNotDrift(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "exercises"), 0o755))
	stub := filepath.Join(dir, "exercises", "counter.go")
	const stubText = "package exercises\n\n// Inc adds one.\nfunc Inc() { panic(\"TODO\") }\n"
	require.NoError(t, os.WriteFile(stub, []byte(stubText), 0o644))
	readme := filepath.Join(dir, "README.md")
	cell := &Cell{Kind: Code, Source: "exercises/counter.go#Inc", Body: "// Inc adds one.\nfunc Inc() { panic(\"TODO\") }", Line: 3}
	t.Setenv(shipped.Env, "")
	require.NoError(t, CheckRecorded(cell, readme), "the stub as shipped matches its cell")

	require.NoError(t, os.WriteFile(stub, []byte(strings.Replace(stubText, `panic("TODO")`, "n++", 1)), 0o644))
	err := CheckRecorded(cell, readme)
	var skip *SkipError
	require.ErrorAs(t, err, &skip, "the learner's answer is not drift")
	assert.Contains(t, skip.Reason, "that is your answer")

	t.Setenv(shipped.Env, "1")
	require.ErrorIs(t, CheckRecorded(cell, readme), errDrift, "in CI a changed stub is drift")

	t.Setenv(shipped.Env, "")
	other := *cell
	other.Source = "hello/main.go#Inc"
	require.NoError(t, os.Mkdir(filepath.Join(dir, "hello"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "hello", "main.go"), []byte(strings.Replace(stubText, `panic("TODO")`, "n++", 1)), 0o644))
	require.ErrorIs(t, CheckRecorded(&other, readme), errDrift, "a file outside exercises/ is always compared")
}

// TestATimingDependentCellGetsASecondRun: a cell whose rules say its
// output depends on the scheduler (timeline, streams, timing) is run again once
// when the first run does not match; any other cell must match at once.
func TestATimingDependentCellGetsASecondRun(t *testing.T) {
	readme, program := sandbox(t)
	const flaky = `package main

import (
	"fmt"
	"os"
)

// main prints "late" the first time it runs here, then "on time".
func main() {
	if _, err := os.Stat("ran-once"); err != nil {
		os.WriteFile("ran-once", nil, 0o644)
		fmt.Println("late")
		return
	}
	fmt.Println("on time")
}
`
	require.NoError(t, os.WriteFile(program, []byte(flaky), 0o644))
	marker := filepath.Join(filepath.Dir(readme), "ran-once")
	for _, tc := range []struct {
		rules []string
		pass  bool
	}{{[]string{"timeline"}, true}, {[]string{"streams=x"}, true}, {[]string{"timing"}, true}, {[]string{"durations"}, false}} {
		require.NoError(t, os.RemoveAll(marker))
		cell := &Cell{Kind: Output, Source: "go run ./hello", Rules: tc.rules, Body: "$ go run ./hello\non time", Line: 1}
		err := CheckRerun(t.Context(), cell, readme)
		if tc.pass {
			assert.NoError(t, err, "%v: the second run matches", tc.rules)
		} else {
			assert.ErrorIs(t, err, errDrift, "%v: one run only", tc.rules)
		}
	}
}
