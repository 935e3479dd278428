package threads

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
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
		assert.Equal(t, fmt.Sprintf(""+
			"worker-1: started, going to sleep for 2s\n"+
			"live goroutines: %d\n"+
			"worker-2: started, going to sleep for 3s\n"+
			"live goroutines: %d\n"+
			"worker-1: woke up\n"+
			"worker-2: woke up\n"+
			"joined every worker\n", before+1, before+2), out.String())
	})
}

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
