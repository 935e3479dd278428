package threads

import (
	"bytes"
	"context"
	"regexp"
	"runtime"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSleepersPrintInAFixedOrderAndTakeTheLongestNap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out bytes.Buffer
		before := runtime.NumGoroutine()
		start := time.Now()
		require.NoError(t, Sleepers(t.Context(), &out, 2*time.Second, 3*time.Second))
		assert.Equal(t, 3*time.Second, time.Since(start), "the two naps overlap")
		assert.Equal(t, ""+
			"worker-1: started, going to sleep for 2s\n"+
			"live goroutines: N\n"+
			"worker-2: started, going to sleep for 3s\n"+
			"live goroutines: N\n"+
			"worker-1: woke up\n"+
			"worker-2: woke up\n"+
			"joined every worker\n", liveRE.ReplaceAllString(out.String(), "${1}N"))
		// NumGoroutine counts the whole program, and other tests'
		// goroutines may still be ending: the counts are bounded, not exact.
		var live []int
		for _, m := range liveRE.FindAllStringSubmatch(out.String(), -1) {
			n, err := strconv.Atoi(m[2])
			require.NoError(t, err)
			live = append(live, n)
		}
		require.Len(t, live, 2)
		assert.LessOrEqual(t, live[0], before+1)
		assert.LessOrEqual(t, live[1], before+2)
		assert.GreaterOrEqual(t, live[0], 2, "this goroutine and worker-1")
		assert.GreaterOrEqual(t, live[1], 3, "this goroutine, worker-1 and worker-2")
	})
}

var liveRE = regexp.MustCompile(`(live goroutines: )(\d+)`)

func TestSleepersStopWhenCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 2500*time.Millisecond)
		defer cancel()
		err := Sleepers(ctx, nil, 2*time.Second, 3*time.Second)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Contains(t, err.Error(), "worker-2")
		assert.NotContains(t, err.Error(), "worker-1", "worker-1 woke up in time")
	})
}
