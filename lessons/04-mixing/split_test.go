package mixing

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSplitIsContiguousAndBalancedAsThePythonSeedsIs(t *testing.T) {
	assert.Equal(t, []span{{0, 3}, {3, 2}}, split(5, 2), "[1 2 3] and [4 5]")
	assert.Equal(t, []span{{0, 2}, {2, 2}, {4, 2}}, split(6, 3), "Python's len//P+1 gives 3, 3 and an empty third")
	assert.Equal(t, []span{{0, 1}, {1, 1}}, split(2, 5), "no process without an item")
	assert.Equal(t, []span{{0, 7}}, split(7, 1))
	assert.Empty(t, split(0, 3))
	for n := range 20 {
		for procs := 1; procs < 8; procs++ {
			total, next := 0, 0
			for _, s := range split(n, procs) {
				assert.Equal(t, next, s.first)
				assert.Positive(t, s.n)
				total += s.n
				next = s.first + s.n
			}
			assert.Equal(t, n, total, "%d items on %d processes: none lost", n, procs)
		}
	}
}

func TestSharesFitTheCores(t *testing.T) {
	assert.Equal(t, []int{1, 1}, shares(2, 2))
	assert.Equal(t, []int{2, 2}, shares(4, 2))
	assert.Equal(t, []int{3, 3, 2}, shares(8, 3))
	assert.Equal(t, []int{1, 1, 1}, shares(2, 3), "more children than cores: one thread each")
	assert.Equal(t, []int{4}, shares(4, 1))
}
