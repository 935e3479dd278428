package solutions

import (
	"testing"

	"github.com/gophertutor/concurrency/internal/paste"
)

// TestPastingTheSolutionsIntoTheStubs pastes every solution of this lesson
// into its stub in lessons/06-beyond/exercises (through an overlay, the
// files stay as they are) and runs the exercise tests: each one turns from
// skipped to passed.
func TestPastingTheSolutionsIntoTheStubs(t *testing.T) {
	paste.Verify(t, "../..", "../../lessons/06-beyond/exercises", ".")
}
