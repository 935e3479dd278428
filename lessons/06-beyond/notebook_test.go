package beyond_test

import (
	"testing"

	"github.com/gophertutor/concurrency/internal/notebook"
)

// TestREADME checks the lesson's notebook against the code and what
// running it prints (go generate ./lessons/06-beyond regenerates it),
// and that hand edits, dead links and examples left out of it are caught.
func TestREADME(t *testing.T) { notebook.VerifyLesson(t) }
