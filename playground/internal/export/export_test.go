package export

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/typesys"
)

// cells numbers texts as the REPL numbers its cells.
func cells(texts ...string) []Cell {
	var out []Cell
	for i, t := range texts {
		out = append(out, Cell{Src: frontend.NewSource("cell"+string(rune('1'+i)), t, false)})
	}
	return out
}

// goRun runs the program with go run, in a directory of this module.
func goRun(t *testing.T, p *Program) (string, error) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, FileName), []byte(p.Source), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module session\n\ngo 1.25\n"), 0o644))
	cmd := exec.Command("go", "run", FileName)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func TestWriteHoistsTheCellsVariables(t *testing.T) {
	p, err := Write(cells(
		`import ("fmt"; "os"; "sync")`,
		`var mu sync.Mutex; var got []int; n := 3`,
		"func add(v int) {\n\tmu.Lock(); got = append(got, v); mu.Unlock()\n}",
		`var wg sync.WaitGroup; for i := range n { wg.Go(func() { add(i * i) }) }`,
		`wg.Wait(); len(got)`,
		`n := 4; n * 10`,
		`t0 := fmt.Sprint(got[0] >= 0); t0`,
		`fmt.Println("printed once"); fmt.Sprint(1, 2)`,
	), typesys.New())
	require.NoError(t, err)
	assert.Contains(t, p.Source, "\tn int\n")
	assert.Contains(t, p.Source, "//line cell3:1:1\nfunc add(v int) {")
	assert.NotContains(t, p.Source, `"os"`, "an unused import is dropped")
	out, err := goRun(t, p)
	require.NoError(t, err, "%s\n%s", out, p.Source)
	assert.Equal(t, "3\n40\ntrue\nprinted once\n1 2\n", out)
}

func TestMapLinePointsAtTheCells(t *testing.T) {
	p, err := Write(cells(`x := 1`, "func f() {\n\tunused := x\n}"), typesys.New())
	require.NoError(t, err)
	out, keep := p.MapLine("cell2:2:2: declared and not used: unused")
	assert.True(t, keep)
	assert.Equal(t, "cell 2, line 2:2: declared and not used: unused\n   2 | \tunused := x\n     | \t^", out)
	out, _ = p.MapLine("\tcell2:2 +0x1d")
	assert.Equal(t, "\tcell 2, line 2: unused := x", out)
	_, keep = p.MapLine("# command-line-arguments")
	assert.False(t, keep)
	out, _ = p.MapLine("goroutine 1 [running]:")
	assert.Equal(t, "goroutine 1 [running]:", out)
}
