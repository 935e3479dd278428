package sidebyside

import "time"

// timed runs op and returns the seconds it took.
func timed(op func() error) (float64, error) {
	start := time.Now()
	if err := op(); err != nil {
		return 0, err
	}
	return time.Since(start).Seconds(), nil
}

// perOp runs op, which does n operations, and returns seconds per operation.
func perOp(n int, op func() error) (float64, error) {
	s, err := timed(op)
	return s / float64(max(n, 1)), err
}

// busyLoop is lesson 00's CPU-bound work: n steps of a xorshift
// generator (busy in every Python program).
func busyLoop(n int) uint64 {
	x := uint64(88172645463325252)
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}
