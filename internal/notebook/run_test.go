package notebook

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A first run on a machine whose module cache lacks a module prints what
// the go command fetched before the program's output; that is not the
// program's, and a README recorded with a full cache must still match.
func TestPortableDropsTheLinesOfModulesFetched(t *testing.T) {
	out := "go: downloading github.com/alitto/pond/v2 v2.7.1\n" +
		"go: downloading golang.org/x/sync v0.25.0\n" +
		"goos: linux\n" +
		"go: finding module for package example.com/x\n" +
		"go: found example.com/x in example.com/x v1.0.0\n" +
		"PASS\n" +
		"say go: downloading a b\n"
	assert.Equal(t, "goos: linux\nPASS\nsay go: downloading a b", portable(out, "/nowhere"))
}
