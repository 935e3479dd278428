package repl

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckPrintsTheProgressTable(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: runs go test")
	}
	out, status := session(t, `:check 0`)
	assert.Contains(t, out, "Checking the exercises of lesson 0")
	assert.Contains(t, out, "LESSON  EXERCISE")
	// Whatever the learner has done so far (even an exercise that does not
	// compile yet): the table sums it up.
	assert.Regexp(t, `\n00      `, out)
	assert.Regexp(t, `\n\d+ done, \d+ not attempted, \d+ failing`, out)
	assert.Equal(t, 0, status, out)
}

func TestCheckRefusesAnUnknownLesson(t *testing.T) {
	out, status := session(t, `:check 42`)
	assert.Contains(t, out, `no lesson "42": the lessons with exercises are 00, 01, 02`)
	assert.Equal(t, 1, status)
}

func TestHint(t *testing.T) {
	out, status := session(t, `:hint counter`, `:hint 01/CountPrimes`)
	assert.Contains(t, out, "Counter (lesson 00, lessons/00-overview/exercises/counter.go)\n  hint: ")
	assert.Contains(t, out, "read: lessons/00-overview/README.md#exercise-3")
	assert.Contains(t, out, "CountPrimes (lesson 01")
	assert.Equal(t, 0, status)
}

func TestHintOfAnUnknownExerciseListsTheNames(t *testing.T) {
	out, status := session(t, `:hint Nope`, `:hint`)
	assert.Contains(t, out, `hint: no exercise "Nope"; there are: 00/Counter, 00/ParallelSum`)
	assert.Contains(t, out, "usage: :hint <exercise>, one of: 00/Counter, ")
	assert.Equal(t, 1, status)
}
