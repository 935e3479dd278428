//go:build !linux

package processes

// hardMemoryLimit sets no hard limit outside Linux: this package uses
// RLIMIT_DATA only where the course measured that it caps a Go program's
// heap (lesson 04), and RLIMIT_AS counts the address space the Go runtime
// reserves and never uses. WithMemoryLimit's soft limit still applies.
func hardMemoryLimit(int64) error { return nil }
