package termination_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	termination "github.com/gophertutor/concurrency/lessons/05-termination"
)

func TestValuesAreFixedBySeedAndWorker(t *testing.T) {
	a := termination.FirstValues(7, 2, 50)
	assert.Equal(t, a, termination.FirstValues(7, 2, 50), "the same seed and worker draw the same values")
	assert.NotEqual(t, a, termination.FirstValues(7, 3, 50), "another worker draws others")
	assert.NotEqual(t, a, termination.FirstValues(8, 2, 50), "another seed draws others")
	v := termination.NewValues(7, 2)
	for i, want := range a {
		x := v.Next()
		assert.Equal(t, want, x, "value %d", i)
		assert.True(t, x >= 0 && x <= 1, "%v in [0, 1]", x)
		assert.InDelta(t, x, math.Round(x*100)/100, 1e-12, "%v has two decimals", x)
	}
}
