package children

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseStatWithParensInName(t *testing.T) {
	c, ppid, ok := parseStat("42 (a (b) c) Z 7 1 1")
	require.True(t, ok)
	assert.Equal(t, Child{PID: 42, State: "Z", Command: "a (b) c"}, c)
	assert.Equal(t, 7, ppid)

	_, _, ok = parseStat("garbage")
	assert.False(t, ok)
}
