//go:build !race

package processes

// raceBuild is true in a program built with -race: its children, the same
// program, run under the race detector too.
const raceBuild = false
