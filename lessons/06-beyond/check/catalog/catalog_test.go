package catalog_test

import (
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/lessons/06-beyond/check/catalog"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func TestEveryExerciseHasItsFileAndSection(t *testing.T) {
	exercise.VerifyInfos(t, "../../../..", catalog.All())
}
