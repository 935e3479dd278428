package threads

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sleepySquare sleeps n seconds, then returns n*n: the inputs finish in
// the order of their size.
func sleepySquare(n int) int {
	time.Sleep(time.Duration(n) * time.Second)
	return n * n
}

func TestResultsByChannelArriveInFinishingOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		assert.Equal(t, []int{1, 4, 9, 16}, ResultsByChannel([]int{4, 1, 3, 2}, sleepySquare))
		assert.Equal(t, 4*time.Second, time.Since(start), "the goroutines run side by side")
	})
}

func TestResultsByIndexKeepTheInputOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		assert.Equal(t, []int{16, 1, 9, 4}, ResultsByIndex([]int{4, 1, 3, 2}, sleepySquare))
		assert.Equal(t, 4*time.Second, time.Since(start))
		assert.Empty(t, ResultsByIndex(nil, sleepySquare))
	})
}

var errUnlucky = errors.New("unlucky")

func TestResultsWithErrgroupCancelsTheRestOnTheFirstError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		results, err := ResultsWithErrgroup(t.Context(), []int{4, 1, 3, 2}, func(ctx context.Context, n int) (int, error) {
			if n == 3 {
				time.Sleep(1500 * time.Millisecond)
				return 0, errUnlucky
			}
			return n * n, overview.Sleep(ctx, time.Duration(n)*time.Second)
		})
		require.ErrorIs(t, err, errUnlucky)
		assert.Equal(t, "input 2: unlucky", err.Error())
		assert.Nil(t, results)
		assert.Equal(t, 1500*time.Millisecond, time.Since(start), "the 4 s and 2 s sleeps were cancelled")

		results, err = ResultsWithErrgroup(t.Context(), []int{2, 1}, func(_ context.Context, n int) (int, error) {
			return sleepySquare(n), nil
		})
		require.NoError(t, err)
		assert.Equal(t, []int{4, 1}, results)
	})
}
