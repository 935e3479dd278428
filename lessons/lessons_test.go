package lessons

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

// Every lesson folder with exercises is in the table, and every row of the
// table names such a folder, with exercises whose files are in it.
func TestTheTableMatchesTheFolders(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("[0-9][0-9]-*", "exercises"))
	require.NoError(t, err)
	inTable := map[string]bool{}
	for i, l := range All {
		inTable[l.Dir] = true
		assert.Equal(t, l.Number, strings.TrimPrefix(l.Dir, "lessons/")[:2], "row %d", i)
		if i > 0 {
			assert.Less(t, All[i-1].Number, l.Number, "the table is in lesson order")
		}
		assert.DirExists(t, filepath.Join("..", l.Dir, "check"))
		require.NotEmpty(t, l.Exercises(), l.Dir)
		for _, e := range l.Exercises() {
			assert.True(t, strings.HasPrefix(e.File, l.Dir+"/exercises/"), "%s: %s", e.Name, e.File)
			_, err := os.Stat(filepath.Join("..", e.File))
			assert.NoError(t, err, e.Name)
		}
	}
	for _, d := range dirs {
		lesson := "lessons/" + filepath.Dir(d)
		assert.True(t, inTable[lesson], "add %s to All in lessons.go", lesson)
	}
}

// The playground links this table, so nothing it reads may link a NATS
// server: lesson 06's checks do, and the playground's first build would
// compile one that it never runs (about half of that build). Lesson 06's
// row reads its catalog, which has the exercises without the checks.
func TestThePlaygroundLinksNoNATSServer(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/gophertutor/concurrency/playground").CombinedOutput()
	require.NoError(t, err, "go list -deps ./playground: %s", out)
	var nats []string
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "github.com/nats-io/") {
			nats = append(nats, pkg)
		}
	}
	assert.Empty(t, nats, "the playground links NATS: a package it imports (this table?) imports lesson 06's check package, not its catalog")
}
