package processes

import (
	"fmt"
	"runtime/debug"
	"strconv"
)

// applyMemoryLimit is a child's side of WithMemoryLimit: the Go runtime's
// soft limit, and the operating system's hard one where there is one
// (hardMemoryLimit).
func applyMemoryLimit(value string) error {
	limit, err := strconv.ParseInt(value, 10, 64)
	if err != nil || limit <= 0 {
		return fmt.Errorf("%s=%q is not a number of bytes", envMemLimit, value)
	}
	debug.SetMemoryLimit(limit)
	return hardMemoryLimit(limit)
}
