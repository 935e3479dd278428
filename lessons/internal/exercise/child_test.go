package exercise

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A child's panic, as lesson 01 sends it back: its value as text.
func childPanic(v any) error {
	return fmt.Errorf("Process-1: fn panicked: %v\n\ngoroutine 1 [running]:\n...", v)
}

var inChild = Exercise[func() error]{
	Info: Info{Name: "InChild", File: "lessons/xx/exercises/in_child.go", Section: "lessons/xx/README.md#exercise-in-child", Hint: "h"},
	Check: func(c *C, impl func() error) {
		err := impl()
		c.NotAttemptedInChild(err)
		if err != nil {
			c.Fail(Mistake{Expected: "no error", Got: err.Error()})
		}
	},
}

func TestATODOInAChildIsNotAttempted(t *testing.T) {
	r := inChild.Run(func() error {
		var todo todoPanic
		func() {
			defer func() { todo = recover().(todoPanic) }()
			TODO()
		}()
		return childPanic(todo)
	})
	require.Equal(t, NotAttempted, r.Status, r.Message)
	assert.Regexp(t, `exercise\.TODO\(\) is still called at child_test\.go:\d+`, r.Message)
}

func TestAnotherErrorFromAChildIsLeftToTheCheck(t *testing.T) {
	r := inChild.Run(func() error { return childPanic(errors.New("index out of range")) })
	require.Equal(t, Failed, r.Status, r.Message)
	assert.Equal(t, Passed, inChild.Run(func() error { return nil }).Status)
}
