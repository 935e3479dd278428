package termination

import (
	"math"
	"math/rand/v2"
)

// Values is one worker's stream of random values in [0, 1], rounded to two
// decimals as Python's round(random.random(), 2) is. The stream is fixed by
// a seed and the worker's number, on every machine and in every process, so
// that a program's output can be checked, and so that anyone can tell
// afterwards what a worker drew: the same seed and worker draw the same
// values again.
type Values struct {
	rng *rand.Rand
}

// NewValues returns worker's stream for seed.
func NewValues(seed uint64, worker int) *Values {
	return &Values{rng: rand.New(rand.NewPCG(seed, uint64(worker)))}
}

// Next draws the next value.
func (v *Values) Next() float64 { return math.Round(v.rng.Float64()*100) / 100 }

// FirstValues is what worker drew first for seed: its first n values.
func FirstValues(seed uint64, worker, n int) []float64 {
	v := NewValues(seed, worker)
	out := make([]float64, n)
	for i := range out {
		out[i] = v.Next()
	}
	return out
}
