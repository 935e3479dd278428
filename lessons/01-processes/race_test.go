package processes

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// racing has a data race: two goroutines add to one counter with nothing
// ordering them. It returns a result all the same.
var racing = Register("test.racing", func(_ context.Context, n int) (int, error) {
	total := 0
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range n {
				total++
			}
		})
	}
	wg.Wait()
	return total, nil
})

// Under -race, a child with a data race must not hand back its result as
// if nothing happened: the race detector would only print its report and
// change the exit code after the result was sent, and a test of the parent
// would pass. The child stops at the race instead.
func TestAChildWithADataRaceFailsUnderTheRaceDetector(t *testing.T) {
	if !raceBuild {
		t.Skip("only a program built with -race sees the race")
	}
	p := New(racing, 1000, WithStderr(nil))
	require.NoError(t, p.Start(t.Context()))
	_, err := p.Wait(t.Context())
	var exit *ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 66, exit.Code, "the race detector's exit code")
	assert.Contains(t, exit.Stderr, "WARNING: DATA RACE")
	assert.Contains(t, err.Error(), "the race detector found a data race in it")
}

func TestHaltOnRaceLeavesTheLastWordToGORACE(t *testing.T) {
	assert.Equal(t, "GORACE=halt_on_error=1", haltOnRace([]string{"HOME=/x"}))
	assert.Equal(t, "GORACE=halt_on_error=1 log_path=/tmp/r halt_on_error=0",
		haltOnRace([]string{"GORACE=log_path=/tmp/r halt_on_error=0"}))
}
