package exercise

import (
	"strings"

	"go.uber.org/goleak"
)

// Snapshot remembers which goroutines were alive before the learner's code
// ran, so a check can tell which ones that code left behind.
type Snapshot struct {
	before goleak.Option
}

// Snapshot records the goroutines alive now.
func (c *C) Snapshot() Snapshot {
	return Snapshot{before: goleak.IgnoreCurrent()}
}

// NoGoroutinesLeft fails the check if a goroutine started since s is still
// alive. goleak gives goroutines that are about to exit a short moment to do
// so; one that stays is blocked or still working after the learner's
// function returned. likely explains the usual cause.
func (c *C) NoGoroutinesLeft(s Snapshot, what, likely string) {
	err := goleak.Find(s.before)
	if err == nil {
		return
	}
	c.Fail(Mistake{
		Expected: "no goroutine started by " + what + " to be running after it returned",
		Got:      "a goroutine it started is still running:\n" + firstGoroutine(err.Error()),
		Likely:   likely,
	})
}

// firstGoroutine keeps the first goroutine of goleak's report, which looks
// like "found unexpected goroutines:\n[Goroutine 8 in state chan receive,
// with pkg.f on top of the stack:\n<frames>\n Goroutine 9 ...]".
func firstGoroutine(report string) string {
	i := strings.Index(report, "Goroutine ")
	if i < 0 {
		return report
	}
	block := report[i:]
	if j := strings.Index(block[1:], "\n Goroutine "); j >= 0 {
		block = block[:j+1]
	}
	block = strings.TrimSuffix(strings.TrimSpace(block), "]")
	lines := strings.Split(block, "\n")
	if len(lines) > 9 {
		lines = append(lines[:9], "...")
	}
	return strings.Join(lines, "\n")
}
