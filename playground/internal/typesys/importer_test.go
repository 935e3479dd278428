package typesys

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

// check type-checks src with the importer and returns the type of each
// expression that is a statement of f.
func check(t *testing.T, src string) (*types.Info, []error) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	require.NoError(t, err)
	var errs []error
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: New(), Error: func(err error) { errs = append(errs, err) }}
	_, _ = conf.Check("main", fset, []*ast.File{f}, info)
	return info, errs
}

func typeOfVar(info *types.Info, name string) string {
	for id, obj := range info.Defs {
		if id.Name == name && obj != nil {
			return obj.Type().String()
		}
	}
	return ""
}

func TestStandardLibraryTypeChecks(t *testing.T) {
	info, errs := check(t, `package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	var wg sync.WaitGroup
	wg.Go(func() {})
	wg.Wait()
	var n atomic.Int64
	count := n.Add(1)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	deadline, ok := ctx.Deadline()
	cmd := exec.CommandContext(ctx, "true")
	err := cmd.Run()
	f := os.Stdout
	written, werr := fmt.Fprintln(f, count, deadline, ok, err, time.Second*2)
	_, _ = written, werr
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	c := make(chan int, 3)
	close(c)
}
`)
	assert.Empty(t, errs)
	assert.Equal(t, "int64", typeOfVar(info, "count"))
	assert.Equal(t, "time.Time", typeOfVar(info, "deadline"))
	assert.Equal(t, "*os/exec.Cmd", typeOfVar(info, "cmd"))
	assert.Equal(t, "*os.File", typeOfVar(info, "f"))
	assert.Equal(t, "int", typeOfVar(info, "written"))
}

func TestGenericStandardPackagesComeFromTheirSources(t *testing.T) {
	info, errs := check(t, `package main

import "slices"

func main() {
	xs := []int{3, 1, 2}
	slices.Reverse(xs)
	found := slices.Contains(xs, 2)
	_ = found
}
`)
	assert.Empty(t, errs)
	assert.Equal(t, "bool", typeOfVar(info, "found"))
}

func TestUnknownPackageIsAnError(t *testing.T) {
	_, err := New().Import("github.com/not/there")
	assert.ErrorContains(t, err, "not available")
}

func TestConstantsKeepTheirValues(t *testing.T) {
	pkg, err := New().Import("math")
	require.NoError(t, err)
	c, ok := pkg.Scope().Lookup("MaxInt8").(*types.Const)
	require.True(t, ok)
	assert.Equal(t, "127", c.Val().ExactString())
	tpkg, err := New().Import("time")
	require.NoError(t, err)
	sec, ok := tpkg.Scope().Lookup("Second").(*types.Const)
	require.True(t, ok)
	assert.Equal(t, "time.Duration", sec.Type().String())
}
