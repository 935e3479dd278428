package fds

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func TestSinceSeesAPipeUntilItIsClosed(t *testing.T) {
	before, err := Open()
	require.NoError(t, err)
	r, w, err := os.Pipe()
	require.NoError(t, err)
	opened := Since(before)
	assert.ElementsMatch(t, []int{int(r.Fd()), int(w.Fd())}, opened)
	assert.Contains(t, Describe(int(r.Fd())), "pipe")
	require.NoError(t, r.Close())
	require.NoError(t, w.Close())
	assert.Empty(t, Since(before))
}
