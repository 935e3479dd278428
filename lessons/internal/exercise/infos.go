package exercise

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/anchors"
)

// VerifyInfos checks a lesson's exercise descriptions from its check
// package's tests: each stub file exists, each README section link leads to
// a heading of the lesson's README, and each has a hint. root is the path
// from the test's folder to the repository root ("../../..").
func VerifyInfos(t *testing.T, root string, infos []Info) {
	t.Helper()
	require.NotEmpty(t, infos)
	for _, in := range infos {
		assert.FileExists(t, filepath.Join(root, in.File), in.Name)
		file, anchor, ok := strings.Cut(in.Section, "#")
		if !assert.True(t, ok, "%s: Section %q has no #anchor", in.Name, in.Section) {
			continue
		}
		readme, err := os.ReadFile(filepath.Join(root, file))
		if !assert.NoError(t, err, in.Name) {
			continue
		}
		assert.True(t, anchors.In(string(readme))[anchor], "%s: %s has no heading for #%s", in.Name, file, anchor)
		assert.NotEmpty(t, in.Hint, in.Name)
		assert.Equal(t, filepath.Dir(file), filepath.Dir(filepath.Dir(in.File)), "%s: the stub and the README are in one lesson", in.Name)
	}
}
