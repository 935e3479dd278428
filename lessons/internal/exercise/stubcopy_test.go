package exercise

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a TB that remembers a failure.
type recorder struct{ failed bool }

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) FailNow()              { r.failed = true; runtime.Goexit() }

func TestVerifyStubCopy(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		src := fmt.Sprintf("package x\n\nfunc F(nums []int) (s int) {\n%s}\n", body)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
		return filepath.Join(dir, name)
	}
	loop := "\tfor _, v := range nums {\n\t\ts += v\n\t}\n\treturn s\n"
	write("stub.go", "\texercise.TODO() // delete this line\n\n"+loop)
	same := write("same.go", loop)
	other := write("other.go", "\tfor _, v := range nums {\n\t\ts -= v\n\t}\n\treturn s\n")

	VerifyStubCopy(t, dir, "stub.go", "F", same, "F")

	for _, c := range []struct{ file, fn string }{{other, "F"}, {same, "G"}} {
		var r recorder
		done := make(chan struct{})
		go func() { // FailNow ends the goroutine it runs in
			defer close(done)
			VerifyStubCopy(&r, dir, "stub.go", "F", c.file, c.fn)
		}()
		<-done
		assert.True(t, r.failed, "%s %s: a copy that drifted from the stub, or no copy, fails", c.file, c.fn)
	}
}
