package threads

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/timeline"
)

// The syllabus' numbers, in seconds, exact under synctest's fake clock:
// [[1, 4], [2, 3]] takes 5 s and [[1, 2], [3, 4]] 7 s.

func TestHowTheWorkIsSplitDecidesTheTime(t *testing.T) {
	for _, tc := range []struct {
		split [][]int
		took  time.Duration
		chart string
	}{
		{[][]int{{1, 4}, {2, 3}}, 5 * time.Second, "" +
			"timeline (1 column = 100ms)\n" +
			"          0s                  2s                  4s\n" +
			"          |-------------------+-------------------+---------|\n" +
			"worker-1  [1-------][4-------------------------------------]\n" +
			"worker-2  [2-----------------][3---------------------------]\n"},
		{[][]int{{1, 2}, {3, 4}}, 7 * time.Second, "" +
			"timeline (1 column = 100ms)\n" +
			"          0s                  2s                  4s                  6s\n" +
			"          |-------------------+-------------------+-------------------+---------|\n" +
			"worker-1  [1-------][2-----------------]\n" +
			"worker-2  [3---------------------------][4-------------------------------------]\n"},
	} {
		synctest.Test(t, func(t *testing.T) {
			tl := timeline.New("worker-1", "worker-2")
			start := time.Now()
			require.NoError(t, RunSplit(t.Context(), tc.split, time.Second, tl))
			assert.Equal(t, tc.took, time.Since(start), "split %v", tc.split)
			assert.Equal(t, tc.took, time.Duration(SplitMakespan(tc.split))*time.Second)
			assert.Equal(t, tc.chart, tl.Chart(timeline.DefaultWidth))
		})
	}
}

func TestASharedQueueKeepsEveryWorkerBusy(t *testing.T) {
	for _, tc := range []struct {
		tasks []int
		took  time.Duration
		chart string
	}{
		{Work, 6 * time.Second, "" + // a worker takes 4 last, at 2 s
			"timeline (1 column = 100ms)\n" +
			"          0s                  2s                  4s                  6s\n" +
			"          |-------------------+-------------------+-------------------|\n" +
			"worker-1  [1-------][3---------------------------]\n" +
			"worker-2  [2-----------------][4-------------------------------------]\n"},
		{LongestFirst(Work), 5 * time.Second, "" +
			"timeline (1 column = 100ms)\n" +
			"          0s                  2s                  4s\n" +
			"          |-------------------+-------------------+---------|\n" +
			"worker-1  [4-------------------------------------][1-------]\n" +
			"worker-2  [3---------------------------][2-----------------]\n"},
	} {
		synctest.Test(t, func(t *testing.T) {
			tl := timeline.New("worker-1", "worker-2")
			start := time.Now()
			require.NoError(t, RunQueue(t.Context(), tc.tasks, 2, time.Second, tl))
			assert.Equal(t, tc.took, time.Since(start), "queue %v", tc.tasks)
			assert.Equal(t, tc.took, time.Duration(QueueMakespan(tc.tasks, 2))*time.Second)
			assert.Equal(t, tc.chart, tl.Chart(timeline.DefaultWidth))
		})
	}
}

func TestRunQueueWithMoreWorkersThanTasks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := timeline.New()
		start := time.Now()
		require.NoError(t, RunQueue(t.Context(), []int{2, 1}, 5, time.Second, tl))
		assert.Equal(t, 2*time.Second, time.Since(start))
		assert.Equal(t, []string{"worker-1", "worker-2"}, tl.Lanes(), "idle workers get no lane")
	})
}

func TestDividingWorkStopsWhenCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 1500*time.Millisecond)
		defer cancel()
		err := RunSplit(ctx, [][]int{{1, 4}, {2, 3}}, time.Second, nil)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Contains(t, err.Error(), "worker-1")
		assert.Contains(t, err.Error(), "worker-2")

		err = RunQueue(ctx, Work, 2, time.Second, nil)
		require.ErrorIs(t, err, context.DeadlineExceeded)
	})
	assert.Error(t, RunQueue(t.Context(), Work, 0, time.Second, nil))
}

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
