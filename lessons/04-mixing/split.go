package mixing

// span is a batch: the items from first, n of them.
type span struct{ first, n int }

// split cuts n items into at most procs contiguous batches whose sizes
// differ by one at most, the bigger first: 5 items in 2 batches are 3 and
// 2, as in the Python program. It never makes an empty batch: with more
// processes than items, each item gets a process of its own, and the other
// processes are not started.
func split(n, procs int) []span {
	k := min(n, procs)
	if k < 1 {
		return nil
	}
	spans := make([]span, k)
	first := 0
	for i := range spans {
		size := n / k
		if i < n%k {
			size++
		}
		spans[i] = span{first, size}
		first += size
	}
	return spans
}

// shares divides cores among k children: cores/k each, the remainder one
// more each to the first ones, and at least 1 each, so that the children's
// threads (GOMAXPROCS) add up to the cores, or to k when there are more
// children than cores.
func shares(cores, k int) []int {
	out := make([]int, k)
	for i := range out {
		out[i] = max(1, cores/k)
		if cores/k >= 1 && i < cores%k {
			out[i]++
		}
	}
	return out
}
