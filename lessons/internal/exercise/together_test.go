package exercise

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestTogetherReleasesPairsAndLetsALoneCallGo(t *testing.T) {
	pairs := NewTogether(2, time.Minute)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(pairs.Meet)
	}
	wg.Wait()
	assert.Equal(t, int64(2), pairs.gen.Load(), "four calls: two groups of two")

	lone := NewTogether(2, time.Millisecond)
	lone.Meet() // nobody joins: it goes alone once its bound has passed
	assert.Equal(t, int64(0), lone.gen.Load())
}

func TestUntilRejectedStopsAtTheFirstRejection(t *testing.T) {
	runs := 0
	r, n := UntilRejected(func() Result {
		runs++
		if runs == 2 {
			return Result{Status: Failed}
		}
		return Result{Status: Passed}
	})
	assert.Equal(t, Failed, r.Status)
	assert.Equal(t, 2, n)
	r, n = UntilRejected(func() Result { return Result{Status: Passed} })
	assert.Equal(t, Passed, r.Status)
	assert.Equal(t, LostUpdateTries, n)
}
