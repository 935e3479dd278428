package check

import (
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
)

// loadThenStore is the atomic counter's classic mistake: the Load and the
// Store are atomic, the pair is not. The race detector does not see it
// (atomics are synchronisation), and no check can make another goroutine's
// Store land between the two: lost increments show it when they happen,
// and then the message names it.
type loadThenStore struct{ n atomic.Int64 }

func (c *loadThenStore) Inc()       { c.n.Store(c.n.Load() + 1) }
func (c *loadThenStore) Value() int { return int(c.n.Load()) }

func TestLostIncrementsOfAnAtomicCounterNameLoadThenStore(t *testing.T) {
	s := shapeOf(&loadThenStore{})
	assert.True(t, s.guarded(), "an atomic field could guard the count: the check cannot reject it by its shape")
	assert.Contains(t, s.lostIncrements(), "c.n.Store(c.n.Load() + 1), is two steps")
}

type int64Count struct{ n int64 }

func (c *int64Count) Inc()       { c.n++ }
func (c *int64Count) Value() int { return int(c.n) }

func TestLostIncrementsOfAPlainInt64NameAtomicAdd(t *testing.T) {
	assert.Contains(t, shapeOf(&int64Count{}).lostIncrements(), "atomic.AddInt64(&c.n, 1)")
}
