package repl

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestTheBadgeKeepsTheLatestCount: a request's answer and the worker's
// count after it reach the badge in either order; the later count wins,
// and a later request's answer wins over both.
func TestTheBadgeKeepsTheLatestCount(t *testing.T) {
	var b badge
	b.answer(1, 1)
	assert.True(t, b.update(1, 0))
	b.answer(1, 1) // the answer, taken after the update that followed it
	assert.Equal(t, 0, b.count())

	b.answer(2, 3)
	assert.False(t, b.update(1, 7), "an update for an earlier request")
	assert.Equal(t, 3, b.count())
	assert.True(t, b.update(3, 2), "the update came before the answer to its request")
	b.answer(3, 5)
	assert.Equal(t, 2, b.count())
	b.answer(4, 5)
	assert.Equal(t, 5, b.count())
	b.clear()
	assert.Equal(t, 0, b.count())
}
