package exercise

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"path/filepath"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// VerifyStubCopy ties a check test's copy of a stub (a kept wrong answer
// that is the stub as given, its TODO() call removed) to the stub itself:
// it fails when the body of the function stubFunc in stubFile and the body
// of copyFunc in copyFile differ but for the TODO() call. stubFile is
// relative to root, the path from the test's folder to the repository root
// ("../../.."); copyFile is relative to the test's folder.
func VerifyStubCopy(t TB, root, stubFile, stubFunc, copyFile, copyFunc string) {
	t.Helper()
	stub := funcBody(t, filepath.Join(root, stubFile), stubFunc)
	copied := funcBody(t, copyFile, copyFunc)
	assert.Equal(t, stub, copied, "%s in %s is no longer the stub %s of %s, but for its TODO(): make them the same again",
		copyFunc, copyFile, stubFunc, stubFile)
}

// TB is what VerifyStubCopy needs of a *testing.T.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	FailNow()
}

// funcBody is the body of the function name in the Go file at path: its
// statements, each formatted on its own (blank lines between them do not
// count), without the ones that call TODO().
func funcBody(t TB, path, name string) string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	require.NoError(t, err)
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != name || fn.Recv != nil || fn.Body == nil {
			continue
		}
		var b bytes.Buffer
		for _, st := range fn.Body.List {
			if callsTODO(st) {
				continue
			}
			require.NoError(t, format.Node(&b, fset, st))
			b.WriteByte('\n')
		}
		return b.String()
	}
	require.FailNow(t, "no function "+name+" in "+path)
	return ""
}

// callsTODO reports whether st is a call of TODO() or of pkg.TODO().
func callsTODO(st ast.Stmt) bool {
	es, ok := st.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	switch f := call.Fun.(type) {
	case *ast.Ident:
		return f.Name == "TODO"
	case *ast.SelectorExpr:
		return f.Sel.Name == "TODO"
	}
	return false
}
