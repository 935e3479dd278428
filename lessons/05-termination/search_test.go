package termination_test

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/syncwriter"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	termination "github.com/gophertutor/concurrency/lessons/05-termination"
)

// lockedBuffer collects the children's standard output.
type lockedBuffer = syncwriter.Buffer

var drewRE = regexp.MustCompile(`(?m)^worker (\d+) drew (\d\.\d\d)$`)

// printed is each worker's own account of what it drew, from its prints.
func printed(t *testing.T, out string) map[int][]float64 {
	t.Helper()
	own := map[int][]float64{}
	sc := bufio.NewScanner(bytes.NewBufferString(out))
	for sc.Scan() {
		m := drewRE.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		w, _ := strconv.Atoi(m[1])
		x, err := strconv.ParseFloat(m[2], 64)
		require.NoError(t, err)
		own[w] = append(own[w], x)
	}
	return own
}

// Python's 5.2 the Go way, for 2, 3 and 8 workers and several seeds: one
// worker finds, the others stop, and every value each worker drew (by its
// own account, printed as it drew it) comes back, in order.
func TestHuntReturnsEveryValueDrawn(t *testing.T) {
	for _, workers := range []int{2, 3, 8} {
		for seed := uint64(1); seed <= 3; seed++ {
			t.Run(fmt.Sprintf("workers=%d/seed=%d", workers, seed), func(t *testing.T) {
				found := processes.NewEvent()
				defer found.Close()
				var out lockedBuffer
				ps := make([]*processes.Process[termination.Drawn], workers)
				for w := range ps {
					ps[w] = processes.New(termination.Hunt, termination.Search{
						Seed: seed, Worker: w, Target: 0.9, Found: found, Work: time.Millisecond, Print: true,
					}, processes.WithStdout(&out))
					require.NoError(t, ps[w].Start(t.Context()))
				}
				require.NoError(t, found.Wait(t.Context()))
				finders, total := 0, 0
				for w, p := range ps {
					d, err := p.Wait(t.Context())
					require.NoError(t, err)
					assert.Equal(t, w, d.Worker)
					if len(d.Values) > 0 { // a worker that starts after the find draws nothing
						assert.Equal(t, termination.FirstValues(seed, w, len(d.Values)), d.Values,
							"worker %d's values are its stream's first ones, in order", w)
					}
					if d.Found {
						finders++
						assert.Greater(t, d.Values[len(d.Values)-1], 0.9)
					}
					total += len(d.Values)
				}
				assert.Positive(t, finders, "someone found")
				own := printed(t, out.String())
				for w, p := range ps {
					d, _ := p.Wait(t.Context())
					assert.Equal(t, own[w], d.Values, "worker %d: what it printed it drew came back", w)
				}
				t.Logf("%d values drawn by %d workers, %d of them finders", total, workers, finders)
			})
		}
	}
}
