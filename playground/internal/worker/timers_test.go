package worker

import (
	"context"
	"runtime"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The wrapped constructors, as the interpreter calls them.
func (t *timers) afterFunc(d time.Duration, f func()) *time.Timer {
	return t.symbols()["time/time"]["AfterFunc"].Interface().(func(time.Duration, func()) *time.Timer)(d, f)
}

func (t *timers) newTimer(d time.Duration) *time.Timer {
	return t.symbols()["time/time"]["NewTimer"].Interface().(func(time.Duration) *time.Timer)(d)
}

func (t *timers) newTicker(d time.Duration) *time.Ticker {
	return t.symbols()["time/time"]["NewTicker"].Interface().(func(time.Duration) *time.Ticker)(d)
}

func (t *timers) withTimeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	return t.symbols()["context/context"]["WithTimeout"].Interface().(func(context.Context, time.Duration) (context.Context, context.CancelFunc))(parent, d)
}

func TestDeadlinesPendUntilTheirTime(t *testing.T) {
	var tm timers
	assert.False(t, tm.pending(time.Now()))
	now := time.Now()
	tm.add(now.Add(time.Minute))
	assert.True(t, tm.pending(now))
	assert.True(t, tm.pending(now.Add(time.Minute)), "a moment after its time, it may still be delivered")
	assert.False(t, tm.pending(now.Add(2*time.Minute)), "a deadline that passed is forgotten")
}

// TestAStoppedTimerIsNotPending: a timer the learner's code stopped wakes
// nobody, though the program still holds it. (It counted as pending for as
// long as it was reachable: a stopped AfterFunc held off a deadlock report
// for good.)
func TestAStoppedTimerIsNotPending(t *testing.T) {
	var tm timers
	later := tm.afterFunc(time.Hour, func() {})
	timer := tm.newTimer(time.Hour)
	tick := tm.newTicker(time.Hour)
	assert.True(t, tm.pending(time.Now()))

	assert.True(t, tm.timerStop(later)())
	assert.True(t, tm.pending(time.Now()), "the NewTimer and the ticker still run")
	assert.True(t, tm.timerStop(timer)())
	tm.tickerStop(tick)()
	assert.False(t, tm.pending(time.Now()))

	tm.tickerReset(tick)(time.Hour)
	assert.True(t, tm.pending(time.Now()), "Reset starts a stopped ticker again")
	tm.tickerStop(tick)()
	assert.False(t, tm.timerReset(later)(time.Hour), "it was stopped")
	assert.True(t, tm.pending(time.Now()), "Reset arms a stopped timer again")
	tm.timerStop(later)()
	assert.False(t, tm.pending(time.Now()))
	runtime.KeepAlive(later)
	runtime.KeepAlive(timer)
	runtime.KeepAlive(tick)
}

// TestAnAfterFuncPendsUntilItsFunctionHasRun: from its start until its
// function returns, an AfterFunc may still wake a goroutine; then, never.
func TestAnAfterFuncPendsUntilItsFunctionHasRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var tm timers
		release, returned := make(chan struct{}), make(chan struct{})
		tm.afterFunc(time.Second, func() {
			<-release
			close(returned)
		})
		assert.True(t, tm.pending(time.Now()))
		time.Sleep(2 * time.Second)
		synctest.Wait() // the function runs, and waits for release
		assert.True(t, tm.pending(time.Now()), "its function is still running")
		close(release)
		<-returned
		synctest.Wait()
		assert.False(t, tm.pending(time.Now()), "it fired and its function has returned")
	})
}

// TestAFiredTimerIsNotPending: a NewTimer that has reached its time (and a
// moment more, for the runtime to deliver its value) wakes nobody, though
// the program still holds it.
func TestAFiredTimerIsNotPending(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var tm timers
		timer := tm.newTimer(time.Second)
		assert.True(t, tm.pending(time.Now()))
		<-timer.C
		assert.True(t, tm.pending(time.Now()), "just fired: the grace is not over")
		time.Sleep(firingGrace)
		assert.False(t, tm.pending(time.Now()))
		tm.timerReset(timer)(time.Second)
		assert.True(t, tm.pending(time.Now()), "reset, it fires again")
		runtime.KeepAlive(timer)
	})
}

// TestAContextDeadlinePendsUntilTheContextIsDone: a context's timer stops
// when the context is cancelled.
func TestAContextDeadlinePendsUntilTheContextIsDone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var tm timers
		ctx, cancel := tm.withTimeout(context.Background(), time.Hour)
		assert.True(t, tm.pending(time.Now()))
		cancel()
		synctest.Wait()
		assert.False(t, tm.pending(time.Now()), "cancelled: its timer is stopped")
		<-ctx.Done()
	})
}

func TestTimerObjectsPendWhileReachable(t *testing.T) {
	var tm timers
	timer := tm.newTimer(time.Hour)
	assert.True(t, tm.pending(time.Now()))
	runtime.KeepAlive(timer)
	timer = nil
	require.Eventually(t, func() bool {
		tm.mu.Lock()
		tm.lastGC = time.Time{}
		tm.mu.Unlock()
		return !tm.pending(time.Now())
	}, 10*time.Second, time.Millisecond, "an unreachable channel timer can never fire for the program")
	tm.mu.Lock()
	defer tm.mu.Unlock()
	assert.Empty(t, tm.tracked, "and is forgotten")
}
