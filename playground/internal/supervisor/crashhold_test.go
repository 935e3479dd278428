package supervisor

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCrashHoldPassesOutputAndHoldsWhatLooksLikeACrash: lines pass as they
// come; from a line that starts like a runtime crash report (even one
// split between two writes) on, the text is held until a mark releases it
// or the stream ends as a crash.
func TestCrashHoldPassesOutputAndHoldsWhatLooksLikeACrash(t *testing.T) {
	var h crashHold
	assert.Equal(t, "a\nb\n", string(h.filter([]byte("a\nb\n"))))
	assert.Equal(t, "mid", string(h.filter([]byte("mid"))))
	assert.Equal(t, "dle panic: not at a line's start\n", string(h.filter([]byte("dle panic: not at a line's start\n"))))
	assert.Equal(t, "c\n", string(h.filter([]byte("c\npa"))), "the start of a crash, maybe")
	assert.Equal(t, "", string(h.filter([]byte("nic: boom\n"))))
	assert.Equal(t, "", string(h.filter([]byte("goroutine 1 [running]:\n"))))
	assert.Equal(t, "panic: boom\ngoroutine 1 [running]:\n", string(h.crash()))
	assert.Equal(t, "panic: boom\ngoroutine 1 [running]:\n", string(h.release()), "a mark came: it was output")
	assert.Empty(t, h.filter([]byte("SIGQUIT: quit\n")), "held again")
	assert.Equal(t, "SIGQUIT: quit\n", string(h.crash()))
}
