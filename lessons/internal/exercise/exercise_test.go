package exercise

import (
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

// double is a toy exercise: write a function that doubles its argument.
var double = Exercise[func(int) int]{
	Info: Info{
		Name:    "Double",
		File:    "lessons/xx/exercises/double.go",
		Section: "lessons/xx/README.md#exercise-double",
		Hint:    "multiply by two",
	},
	Check: func(c *C, impl func(int) int) {
		var got int
		c.Call("Double(21)", "it should not block at all", func() { got = impl(21) })
		if got != 42 {
			c.Fail(Mistake{Expected: "Double(21) = 42", Got: "Double(21) = " + itoa(got), Likely: "adding instead of multiplying"})
		}
	},
}

func itoa(n int) string { return time.Duration(n).String()[:len(time.Duration(n).String())-2] }

func TestRunPassed(t *testing.T) {
	r := double.Run(func(n int) int { return 2 * n })
	assert.Equal(t, Passed, r.Status)
	assert.Nil(t, r.Mistake)
}

func TestRunNotAttemptedNamesFileAndSection(t *testing.T) {
	r := double.Run(func(int) int { TODO(); return 0 })
	require.Equal(t, NotAttempted, r.Status, r.Message)
	assert.Contains(t, r.Message, "Double: not attempted yet")
	assert.Regexp(t, `exercise\.TODO\(\) is still called at exercise_test\.go:\d+`, r.Message)
	assert.Contains(t, r.Message, "lessons/xx/README.md#exercise-double")
	assert.Contains(t, r.Message, "lessons/xx/exercises/double.go")
}

func TestRunWrongAnswerTeaches(t *testing.T) {
	r := double.Run(func(n int) int { return n + 2 })
	require.Equal(t, Failed, r.Status)
	for _, want := range []string{"Double is not solved yet", "expected:", "Double(21) = 42", "happened:", "Double(21) = 23",
		"likely mistake:", "adding instead of multiplying", "hint:", "multiply by two", "read:", "#exercise-double"} {
		assert.Contains(t, r.Message, want)
	}
}

func TestRunPanicShowsLearnersFrame(t *testing.T) {
	r := double.Run(func(n int) int {
		var m map[int]int
		//lint:ignore SA5000 the panic is what this test needs
		m[n] = n // assignment to entry in nil map
		return 0
	})
	require.Equal(t, Failed, r.Status)
	assert.Contains(t, r.Mistake.Got, "it panicked: assignment to entry in nil map")
	assert.Contains(t, r.Mistake.Got, "exercise_test.go", "the stack points at the learner's code")
	assert.NotContains(t, r.Mistake.Got, "runtime/debug.Stack", "the harness's own frames are trimmed")
}

func TestRunPanicOutsideCallIsCaught(t *testing.T) {
	ex := Exercise[func()]{Info: Info{Name: "Direct"}, Check: func(c *C, impl func()) { impl() }}
	r := ex.Run(func() { panic("boom") })
	require.Equal(t, Failed, r.Status)
	assert.Contains(t, r.Mistake.Got, "boom")

	r = ex.Run(func() { TODO() })
	assert.Equal(t, NotAttempted, r.Status)
}

func TestCallThatNeverReturnsFailsWithTheHint(t *testing.T) {
	release := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	r := double.Run(func(int) int {
		defer wg.Done()
		<-release // blocked until the test lets it go
		return 42
	}, WithPatience(10*time.Millisecond))
	close(release)
	wg.Wait()
	require.Equal(t, Failed, r.Status)
	assert.Contains(t, r.Mistake.Got, "still running after 30ms")
	assert.Equal(t, "it should not block at all", r.Mistake.Likely)
}

func TestWholeCheckTimeout(t *testing.T) {
	release := make(chan struct{})
	finished := make(chan struct{})
	ex := Exercise[func()]{Info: Info{Name: "Stuck"}, Check: func(c *C, impl func()) { impl() }}
	r := ex.Run(func() { <-release; close(finished) }, WithTimeout(10*time.Millisecond))
	close(release)
	<-finished
	require.Equal(t, Failed, r.Status)
	assert.Contains(t, r.Mistake.Got, "still running after 10ms")
}

func TestTestSkipsWhenNotAttempted(t *testing.T) {
	var sub *testing.T
	t.Run("stub", func(t *testing.T) {
		sub = t
		double.Test(t, func(int) int { TODO(); return 0 })
	})
	assert.True(t, sub.Skipped())
}

func TestBarrierOpensWhenAllArrive(t *testing.T) {
	b := NewBarrier(3, time.Minute)
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(b.Wait)
	}
	wg.Wait()
	assert.False(t, b.Broken())
}

func TestBarrierBreaksForSequentialCallers(t *testing.T) {
	b := NewBarrier(2, 5*time.Millisecond)
	b.Wait() // alone: waits out its patience
	b.Wait() // the barrier is open from now on
	assert.True(t, b.Broken())
}

func TestGaugePeak(t *testing.T) {
	var g Gauge
	a := g.Enter()
	b := g.Enter()
	a()
	c := g.Enter()
	assert.Equal(t, 2, g.Now())
	b()
	c()
	assert.Equal(t, 2, g.Peak())
	assert.Equal(t, 3, g.Total())
	assert.Equal(t, 0, g.Now())
}

func TestNoGoroutinesLeft(t *testing.T) {
	release, done := make(chan struct{}), make(chan struct{})
	ex := Exercise[func()]{Info: Info{Name: "Leaky"}, Check: func(c *C, impl func()) {
		s := c.Snapshot()
		impl()
		c.NoGoroutinesLeft(s, "Leaky", "wait for the goroutines you start")
	}}
	r := ex.Run(func() {
		go func() {
			defer close(done)
			<-release
		}()
	})
	close(release)
	<-done
	require.Equal(t, Failed, r.Status)
	assert.Contains(t, r.Mistake.Got, "still running")
	assert.Contains(t, r.Mistake.Got, "chan receive")
	assert.Equal(t, "wait for the goroutines you start", r.Mistake.Likely)

	r = ex.Run(func() {})
	assert.Equal(t, Passed, r.Status)
}

func TestExpectRace(t *testing.T) {
	ExpectRace(t, func() {
		n := 0
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { n++ })
		}
		wg.Wait()
	})
}

// A race the check itself cannot see fails the test through the race
// detector; the harness then says what that report means, in the
// exercise's words, whether or not its classic mistake is a race.
func TestARaceOnlyTheDetectorSeesIsExplained(t *testing.T) {
	racy := Exercise[func() int]{
		Info: Info{Name: "Racy", Hint: "guard the counter", Race: "n++ in two goroutines with no lock"},
		Check: func(c *C, impl func() int) {
			c.Call("Racy()", "", func() { impl() })
		},
	}
	out := ExpectRace(t, func() {
		racy.Test(t, func() int {
			n := 0
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() { n++ })
			}
			wg.Wait()
			return n
		})
	})
	if RaceEnabled && out != "" {
		assert.Contains(t, out, "expected:       no data race")
		assert.Contains(t, out, "likely mistake: n++ in two goroutines with no lock")
		assert.Contains(t, out, "hint:           guard the counter")
	}
}

func TestRunPattern(t *testing.T) {
	assert.Equal(t, `^TestA$/^sub\.x$`, runPattern("TestA/sub.x"))
}

// The learner's test binaries (exercises, solutions) link the harness: it
// must not bring the README verifier with it.
func TestTheHarnessDoesNotLinkTheNotebookVerifier(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.NotContains(t, string(out), "/internal/notebook\n")
	assert.Contains(t, string(out), "/internal/anchors\n")
}
