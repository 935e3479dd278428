//go:build !race

package exercise

// RaceEnabled reports whether this binary was built with the race detector
// (go test -race).
const RaceEnabled = false
