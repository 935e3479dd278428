package lessons

import (
	"os"
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
