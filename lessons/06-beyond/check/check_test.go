package check_test

import (
	"testing"
	"time"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Each test keeps a wrong answer a learner might write and shows that its
// check rejects it, for the right reason. One file per exercise.

func TestMain(m *testing.M) { check.Main(m) }

// quick is the patience for answers that never do what the check waits
// for: there is no reason to wait long for them.
var quick = exercise.WithPatience(200 * time.Millisecond)
