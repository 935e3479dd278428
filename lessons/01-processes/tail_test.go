package processes

import (
	"strings"
	"syscall"
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

func TestStderrRecorderNoticesAChildOutOfMemory(t *testing.T) {
	for _, c := range []struct {
		stderr        string
		oom, noThread bool
	}{
		{"fatal error: runtime: out of memory\n\ngoroutine 1 [running]:\n", true, false},
		{"==12==ERROR: ThreadSanitizer failed to allocate 0x1000 bytes\nruntime: g 0: unknown pc\n", true, false},
		{"runtime/cgo: pthread_create failed: Resource temporarily unavailable\nSIGABRT: abort\n", false, true},
		{"panic: boom\n", false, false},
	} {
		r := newStderrRecorder(nil)
		_, _ = r.Write([]byte(c.stderr))
		oom, noThread, panicked := r.outOfMemory()
		assert.Equal(t, c.oom, oom, c.stderr)
		assert.Equal(t, c.noThread, noThread, c.stderr)
		assert.Equal(t, strings.HasPrefix(c.stderr, "panic: "), panicked, c.stderr)
		limited := &ExitError{Code: 2, MemoryLimit: 1 << 20, oom: oom, noThread: noThread, panicked: panicked}
		free := &ExitError{Code: 2, oom: oom, noThread: noThread, panicked: panicked}
		assert.Equal(t, c.oom || c.noThread, limited.OutOfMemory(), "with a limit, a thread that cannot start is memory too: %s", c.stderr)
		assert.Equal(t, c.oom, free.OutOfMemory(), "without one, it may be anything: %s", c.stderr)
	}
}

// At the very edge of its limit, a Go child can die of a segmentation
// fault in the runtime: near its limit, with no panic, it is memory.
func TestAChildNearItsLimitThatDiesWithoutAPanicRanOutOfMemory(t *testing.T) {
	segv := "SIGSEGV: segmentation violation\nPC=0x42f89d m=6 sigcode=1 addr=0x0\n"
	assert.True(t, (&ExitError{Code: 2, MemoryLimit: 64 << 20, peak: 60 << 20, Stderr: segv}).OutOfMemory())
	assert.False(t, (&ExitError{Code: 2, MemoryLimit: 64 << 20, peak: 10 << 20, Stderr: segv}).OutOfMemory(), "far from its limit")
	assert.False(t, (&ExitError{Code: 2, peak: 60 << 20, Stderr: segv}).OutOfMemory(), "no limit")
	assert.False(t, (&ExitError{Code: 2, MemoryLimit: 64 << 20, peak: 60 << 20, Stderr: "panic: boom\n", panicked: true}).OutOfMemory(), "a panic is a panic")
	assert.False(t, (&ExitError{Code: -1, Signal: syscall.SIGKILL, MemoryLimit: 64 << 20, peak: 60 << 20}).OutOfMemory(), "killed: by whom, it cannot say")
	assert.False(t, (&ExitError{Code: 3, MemoryLimit: 64 << 20, peak: 60 << 20}).OutOfMemory(), "os.Exit(3) is the program's choice")
}
