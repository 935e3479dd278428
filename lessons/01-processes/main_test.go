package processes

import (
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) {
	RunChildIfRequested() // the children these tests start are this test binary
	lessontest.Main(m)
}
