package threads

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/internal/timeline"
)

// The syllabus' numbers, in seconds, exact under synctest's fake clock:
// [[1, 4], [2, 3]] takes 5 s and [[1, 2], [3, 4]] 7 s.

func TestMakespans(t *testing.T) {
	assert.Equal(t, 5, SplitMakespan([][]int{{1, 4}, {2, 3}}))
	assert.Equal(t, 7, SplitMakespan([][]int{{1, 2}, {3, 4}}))
	assert.Equal(t, 0, SplitMakespan(nil))

	assert.Equal(t, 6, QueueMakespan([]int{1, 2, 3, 4}, 2))
	assert.Equal(t, 5, QueueMakespan([]int{4, 3, 2, 1}, 2))
	assert.Equal(t, 10, QueueMakespan([]int{1, 2, 3, 4}, 1))
	assert.Equal(t, 4, QueueMakespan([]int{1, 2, 3, 4}, 8))
	assert.Equal(t, 0, QueueMakespan([]int{1}, 0))
	// Longest first is a rule of thumb: here it gives 7, but [3 3] and
	// [2 2 2] finish in 6.
	assert.Equal(t, 7, QueueMakespan(LongestFirst([]int{2, 2, 2, 3, 3}), 2))
	assert.Equal(t, 6, SplitMakespan([][]int{{3, 3}, {2, 2, 2}}))
}

func TestLongestFirstLeavesItsInputAlone(t *testing.T) {
	in := []int{1, 3, 2}
	assert.Equal(t, []int{3, 2, 1}, LongestFirst(in))
	assert.Equal(t, []int{1, 3, 2}, in)
}

func TestUnitChartRoundsToWholeUnits(t *testing.T) {
	late := timeline.New("worker-1", "worker-2")
	exact := timeline.New("worker-1", "worker-2")
	at := func(tl *timeline.Timeline, d time.Duration) time.Time { return tl.Origin().Add(d) }
	ms := time.Millisecond
	late.Add("worker-1", "1", at(late, 0), at(late, 1003*ms))
	late.Add("worker-1", "4", at(late, 1003*ms), at(late, 5040*ms))
	late.Add("worker-2", "2", at(late, 2*ms), at(late, 2001*ms))
	exact.Add("worker-1", "1", at(exact, 0), at(exact, time.Second))
	exact.Add("worker-1", "4", at(exact, time.Second), at(exact, 5*time.Second))
	exact.Add("worker-2", "2", at(exact, 0), at(exact, 2*time.Second))
	assert.Equal(t, exact.Chart(timeline.DefaultWidth), UnitChart(late, time.Second))
	assert.NotEqual(t, exact.Chart(timeline.DefaultWidth), late.Chart(timeline.DefaultWidth))
}
