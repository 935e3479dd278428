package repl

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVarsShowsNamesTypesAndCurrentValues(t *testing.T) {
	out, status := session(t,
		`:vars`,
		`import ("errors"; "sync")`,
		`x := 41; x++`,
		`var err error; err2 := errors.New("bad")`,
		`type Point struct{ X, Y int }`,
		`p := &Point{1, 2}; var mu sync.Mutex; _ = &mu`,
		`:vars`)
	assert.Equal(t, 0, status, out)
	assert.Contains(t, out, "No variables yet.\n")
	assert.Contains(t, out, "x = 42 // int\nerr = <nil> // error\nerr2 = bad // error\np = &{X:1 Y:2} // *Point\nmu = ")
	assert.Contains(t, out, "// sync.Mutex\n")
}

const loadProgram = `package main

import "fmt"

func twice(n int) int { return 2 * n }

func main() {
	fmt.Println("main ran:", twice(21))
}
`

func TestLoadDeclaresTheFileAndRunsMain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prog.go")
	require.NoError(t, os.WriteFile(path, []byte(loadProgram), 0o644))
	cells := filepath.Join(t.TempDir(), "cells.go")
	require.NoError(t, os.WriteFile(cells, []byte("import \"strings\"\nshout := strings.ToUpper(\"hi\")\nshout\n"), 0o644))
	out, status := session(t, `:load `+path, `twice(4)`, `main()`, `:load `+cells, `shout + "!"`)
	assert.Equal(t, 0, status, out)
	assert.Contains(t, out, path+" declares func main: its declarations join the session, and main runs now")
	assert.Contains(t, out, "main ran: 42\n8 // int\nmain ran: 42\n")
	assert.Contains(t, out, `"HI" // string`+"\n"+`"HI!" // string`)
}

func TestLoadOfAMissingOrBrokenFile(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken.go")
	require.NoError(t, os.WriteFile(broken, []byte("package main\n\nfunc f() int {\n\treturn undefinedName\n}\n"), 0o644))
	out, status := session(t, `:load /no/such/file.go`, `:load`, `:load `+broken, `1`)
	assert.Contains(t, out, "load: open /no/such/file.go: no such file or directory\n")
	assert.Contains(t, out, "usage: :load <file.go>\n")
	assert.Contains(t, out, broken+":4:9: undefined: undefinedName")
	assert.Contains(t, out, "1 // int\n", "the session goes on")
	assert.Equal(t, 1, status)
}

func TestResetForgetsTheCellsOfBuild(t *testing.T) {
	out, _ := session(t, `x := 1`, `:reset`, `:build`)
	assert.Contains(t, out, "no cell has run yet")
}
