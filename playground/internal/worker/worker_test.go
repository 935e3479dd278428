package worker

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/playground/internal/stacks"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func TestBlockedForGood(t *testing.T) {
	gs := stacks.Parse([]byte(`goroutine 21 [chan receive, 2 minutes labels:{"cell": "cell2"}]:
runtime.gopark(0x1?, 0x0?, 0x0?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/proc.go:460 +0xce
reflect.rselect({0x1, 0x2, 0x3})
	/usr/local/go/src/runtime/select.go:616 +0x3cd
github.com/traefik/yaegi/interp.recv.func2(0x1)
	/x/run.go:3565 +0x245
created by github.com/traefik/yaegi/interp.(*Interpreter).EvalWithContext in goroutine 6
	/x/interp.go:578 +0x186`))
	require.Len(t, gs, 1)
	g := gs[0]
	assert.Equal(t, "github.com/traefik/yaegi/interp.recv.func2", caller(g))
	assert.True(t, isLearners(g), "a cell's goroutine the interpreter started")
	assert.True(t, blockedForGood(g), "an interpreted receive: only another goroutine can serve it")

	compiled := stacks.Goroutine{State: "select", Frames: []stacks.Frame{{Func: "github.com/gophertutor/concurrency/lessons/00-overview.pause"}}}
	assert.False(t, blockedForGood(compiled), "compiled code may wait on a timer of its own")
	assert.True(t, blockedForGood(stacks.Goroutine{State: "sync.WaitGroup.Wait"}))
	assert.False(t, blockedForGood(stacks.Goroutine{State: "sleep"}))
	assert.False(t, blockedForGood(stacks.Goroutine{State: "IO wait"}))

	worker := stacks.Goroutine{Labels: map[string]string{"cell": "cell2"}, CreatedBy: workerPkg + "(*worker).eval"}
	assert.False(t, isLearners(worker), "the worker's own goroutine that runs the cell")
	assert.False(t, isLearners(stacks.Goroutine{CreatedBy: "time.goFunc"}), "no cell label")
}

func TestLearnerBlockedIgnoresTheTestsOwnGoroutines(t *testing.T) {
	_, blocked, size := learnerBlocked()
	assert.False(t, blocked, "this test's goroutine is running")
	assert.Positive(t, size)
}

func TestStackGoroutineID(t *testing.T) {
	assert.Equal(t, int64(42), stackGoroutineID([]byte("goroutine 42 [running]:\nmain.main()")))
	assert.Equal(t, int64(0), stackGoroutineID([]byte("garbage")))
	assert.Positive(t, goroutineID())
}

func TestFrameCatcherTurnsPanicLinesIntoFrames(t *testing.T) {
	var frames []wire.Frame
	var rest strings.Builder
	c := frameCatcher{w: &rest, frame: func(f wire.Frame) { frames = append(frames, f) }}
	_, _ = c.Write([]byte("_.go:1000002:5: panic: main.f(...)\n"))
	_, _ = c.Write([]byte("a log line\n"))
	require.Len(t, frames, 1)
	assert.Equal(t, "main.f", frames[0].Func)
	assert.Equal(t, "_.go:1000002:5", frames[0].Pos)
	assert.Equal(t, "a log line\n", rest.String())
}

type stringer struct{}

func (stringer) String() string { return "I am a Stringer" }

func TestPanicValueAsTheRuntimePrintsIt(t *testing.T) {
	assert.Equal(t, "boom", panicValue("boom"))
	assert.Equal(t, "bad", panicValue(errors.New("bad")))
	assert.Equal(t, "I am a Stringer", panicValue(stringer{}))
	assert.Equal(t, "int(42)", panicValue(42))
}

func TestFormatValue(t *testing.T) {
	type point struct{ X, Y int }
	assert.Equal(t, `"hi"`, formatValue("hi"))
	assert.Equal(t, "<nil>", formatValue(nil))
	assert.Equal(t, "{X:1 Y:2}", formatValue(point{1, 2}))
	assert.Equal(t, "&{X:1 Y:2}", formatValue(&point{1, 2}))
	assert.Equal(t, "[1 2]", formatValue([]int{1, 2}))
	assert.Equal(t, "bad", formatValue(errors.New("bad")))
	// A struct type of the program, as yaegi makes it: unnamed, its
	// unexported fields renamed (x is Xx). Shown without the names it
	// does not have.
	renamed := reflect.StructOf([]reflect.StructField{{Name: "Xx", Type: reflect.TypeFor[int]()}, {Name: "Xy", Type: reflect.TypeFor[int]()}})
	v := reflect.New(renamed).Elem()
	v.Field(0).SetInt(5)
	v.Field(1).SetInt(6)
	assert.Equal(t, "{5 6}", formatValue(v.Interface()))
	assert.Equal(t, "&{5 6}", formatValue(v.Addr().Interface()))
	exported := reflect.StructOf([]reflect.StructField{{Name: "X", Type: reflect.TypeFor[int]()}})
	assert.Equal(t, "{X:0}", formatValue(reflect.New(exported).Elem().Interface()), "exported names are the program's own")
}

func TestShowPrintsValuesWithTheirTypes(t *testing.T) {
	var out strings.Builder
	s := &shower{out: &out}
	s.setTypes(map[int]string{0: "int", 1: "error", 2: "(int, error)"})
	s.show(0)(42)
	s.show(1)(nil) // a nil error says nothing
	s.show(2)(1, nil)
	s.show(3)(2.5) // no type from the front end: the value's own
	assert.Equal(t, "42 // int\n1, <nil> // (int, error)\n2.5 // float64\n", out.String())
}

func TestClearValue(t *testing.T) {
	m := map[string]int{"a": 1}
	clearValue(m)
	assert.Empty(t, m)
	s := []int{1, 2}
	clearValue(s)
	assert.Equal(t, []int{0, 0}, s)
	clearValue(3) // neither: nothing happens
}

func TestArgsRoundTrip(t *testing.T) {
	t.Setenv(ArgsEnv, JoinArgs([]string{"prog.go", "a b", ""}))
	assert.Equal(t, []string{"prog.go", "a b", ""}, workerArgs())
}
