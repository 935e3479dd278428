//go:build !linux

package termination_test

// adoptOrphans does nothing where there are no subreapers: an orphan goes
// to init, and the tests that need to see orphans are skipped.
func adoptOrphans() {}

// adopts reports whether orphans come to this process.
const adopts = false
