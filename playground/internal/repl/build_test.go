package repl

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildRunsTheSessionCompiled(t *testing.T) {
	out, status := session(t,
		`import ("fmt"; "sync")`,
		`var mu sync.Mutex; var got []int; n := 3`,
		"func add(v int) {\n\tmu.Lock()\n\tdefer mu.Unlock()\n\tgot = append(got, v)\n}",
		`var wg sync.WaitGroup; for i := range n { wg.Go(func() { add(i * i) }) }`,
		`wg.Wait(); len(got)`,
		`fmt.Println("sum", got[0]+got[1]+got[2])`,
		`:build`)
	require.Equal(t, 0, status, out)
	// The REPL's output, then the compiled program's.
	assert.Equal(t, 2, strings.Count(out, "sum 5\n"), out)
	assert.Contains(t, out, "3 // int\nsum 5\n3\nsum 5\n:build: compiled in ")
	assert.Contains(t, out, "(exit status 0); the interpreter took ")
}

func TestBuildMapsACompileErrorToTheCell(t *testing.T) {
	// The interpreter runs a function with an unused variable; Go does not
	// compile it.
	out, status := session(t, `x := 1`, "func f() {\n\tunused := x\n}", `:build`)
	assert.Contains(t, out, "cell 2, line 2:2: declared and not used: unused\n   2 | \tunused := x\n     | \t^\n")
	assert.Contains(t, out, ":build: the session does not compile as a Go program")
	assert.NotContains(t, out, "command-line-arguments")
	assert.Equal(t, 1, status)
}

func TestRaceNamesTheCellAndLineOfARacyCounter(t *testing.T) {
	out, status := session(t,
		`import "sync"`,
		`counter := 0; var wg sync.WaitGroup`,
		"for range 2 {\n\twg.Go(func() {\n\t\tcounter++\n\t})\n}",
		`wg.Wait()`,
		`:race`)
	assert.Contains(t, out, "WARNING: DATA RACE")
	assert.Contains(t, out, "cell 3, line 3: counter++")
	assert.Contains(t, out, "The race detector found a data race (exit status 66)")
	assert.Equal(t, 1, status)
}

func TestBuildWithNoCells(t *testing.T) {
	out, status := session(t, `:build`, `undefinedName`, `:race`)
	assert.Equal(t, 2, strings.Count(out, "no cell has run yet"), out)
	assert.Equal(t, 1, status)
}

func TestBuildSaysWhenGoIsMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	out, status := session(t, `x := 1`, `:build`, `:check`)
	assert.Contains(t, out, ":build needs the go command: the go command is not on PATH")
	assert.Contains(t, out, "check needs the go command: the go command is not on PATH")
	assert.Equal(t, 1, status)
}
