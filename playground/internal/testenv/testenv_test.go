package testenv

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func TestOursLooksAtTheRacingAccesses(t *testing.T) {
	yaegiOnly := `WARNING: DATA RACE
Write at 0x00c000152230 by goroutine 38:
  github.com/traefik/yaegi/interp.(*Interpreter).resizeFrame()
      /x/interp.go:490 +0x2fc

Previous read at 0x00c000152230 by goroutine 40:
  github.com/traefik/yaegi/interp.genValue.func4()
      /x/value.go:139 +0x52

Goroutine 38 (running) created at:
  github.com/gophertutor/concurrency/playground/internal/worker.(*worker).eval.func1()
      /x/loop.go:93 +0x87
`
	assert.False(t, ours(yaegiOnly), "only the goroutine's creation is in the course's code")
	mine := `WARNING: DATA RACE
Read at 0x00c0001da618 by goroutine 41:
  github.com/gophertutor/concurrency/playground/internal/worker.(*shower).show.func1()
      /x/helpers.go:1 +0x85
`
	assert.True(t, ours(mine))
}
