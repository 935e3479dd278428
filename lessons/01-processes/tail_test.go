package processes

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStderrRecorderKeepsTheCrashReport(t *testing.T) {
	r := newStderrRecorder(nil)
	_, _ = r.Write([]byte("a log line\nanother\n"))
	assert.Equal(t, "a log line\nanother\n", r.String(), "no crash: the tail")

	_, _ = r.Write([]byte("runt"))
	_, _ = r.Write([]byte("ime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n"))
	_, _ = r.Write([]byte(strings.Repeat("main.f(...)\n", 1000)))
	got := r.String()
	assert.True(t, strings.HasPrefix(got, "runtime: goroutine stack exceeds"), "the crash report starts where the crash does: %.80q", got)
	assert.Contains(t, got, "fatal error: stack overflow")
	assert.LessOrEqual(t, len(got), keep)
}
