package exercise

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCensus(t *testing.T) {
	dump := "goroutine 1 [running]:\nmain.main()\n\t/x/main.go:9 +0x1d\n\n" +
		"goroutine 7 [chan receive, 2 minutes]:\nmain.main.func1()\n\t/x/main.go:12 +0x25\n" +
		"created by main.main in goroutine 1\n\t/x/main.go:11 +0x3c\n\n" +
		"goroutine 9 [sync.WaitGroup.Wait]:\nsync.(*WaitGroup).Wait(0xc0000a4010)\n" +
		"created by main.main.func1 in goroutine 7\n\t/x/main.go:13 +0x3c\n"
	got := parseCensus([]byte(dump))
	assert.Contains(t, got[2].stack, "sync.(*WaitGroup).Wait(")
	for i := range got {
		got[i].stack = ""
	}
	assert.Equal(t, []goroutine{{id: 1, state: "running"}, {id: 7, parent: 1, state: "chan receive"}, {id: 9, parent: 7, state: "sync.WaitGroup.Wait"}}, got)
	assert.False(t, got[0].blocked())
	assert.True(t, got[1].blocked())
	assert.Positive(t, goid())
}

// awaiting is a toy exercise: the function it hands the learner's code
// holds its goroutine until the learner's function waits for it.
func awaiting(seen *atomic.Int32) Exercise[func(work func())] {
	return Exercise[func(work func())]{
		Info: Info{Name: "Awaiting"},
		Check: func(c *C, impl func(work func())) {
			work := func() {
				if !c.InCaller() {
					seen.Store(int32(c.AwaitCaller()))
				}
			}
			c.Call("Awaiting(work)", "", func() { impl(work) })
		},
	}
}

func TestAwaitCallerSeesHowTheCallerWaits(t *testing.T) {
	var seen atomic.Int32
	ex := awaiting(&seen)
	quick := WithPatience(200 * time.Millisecond)

	r := ex.Run(func(work func()) {
		var wg sync.WaitGroup
		wg.Go(work)
		wg.Wait()
	}, quick)
	require.Equal(t, Passed, r.Status, r.Message)
	assert.Equal(t, CallerBlocked, Caller(seen.Load()))

	finished := make(chan struct{})
	ex.Run(func(work func()) {
		go func() { defer close(finished); work() }()
	}, quick)
	<-finished
	assert.Equal(t, CallerReturned, Caller(seen.Load()), "returned without waiting")

	finished = make(chan struct{})
	ex.Run(func(work func()) {
		go func() { defer close(finished); work() }()
		time.Sleep(20 * time.Millisecond) // the wrong answer: sleep instead of waiting
	}, quick)
	<-finished
	assert.Equal(t, CallerSlept, Caller(seen.Load()), "slept, then returned")

	finished = make(chan struct{})
	var done atomic.Bool
	ex.Run(func(work func()) {
		go func() { defer close(finished); work(); done.Store(true) }()
		for !done.Load() { // the wrong answer: a busy wait
			runtime.Gosched()
		}
	}, quick)
	<-finished
	assert.Equal(t, CallerBusy, Caller(seen.Load()), "polled a variable")

	ex.Run(func(work func()) { work() }, quick) // in the caller's own goroutine: not held
}

func TestSettleWaitsForEveryGoroutineToBlock(t *testing.T) {
	release := make(chan struct{})
	var settled, spinSettled atomic.Bool
	ex := Exercise[func(work func())]{
		Info: Info{Name: "Settling"},
		Check: func(c *C, impl func(work func())) {
			var arrived sync.WaitGroup
			arrived.Add(3)
			work := func() { arrived.Done(); <-release }
			go func() { arrived.Wait(); settled.Store(c.Settle()); close(release) }() // the check's, not the learner's
			c.Call("Settling(work)", "", func() { impl(work) })
		},
	}
	r := ex.Run(func(work func()) {
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() { go func() {}(); work() }) // grandchildren count too
		}
		wg.Wait()
	}, WithPatience(time.Second))
	require.Equal(t, Passed, r.Status, r.Message)
	assert.True(t, settled.Load())

	stop := make(chan struct{})
	spinner := Exercise[func()]{
		Info: Info{Name: "Spinning"},
		Check: func(c *C, impl func()) {
			c.Call("Spinning()", "", impl)
			spinSettled.Store(c.Settle())
			close(stop)
		},
	}
	var wg sync.WaitGroup
	spinner.Run(func() {
		wg.Go(func() { // left running on purpose, until the check stops it
			for {
				select {
				case <-stop:
					return
				default:
					runtime.Gosched()
				}
			}
		})
	}, WithPatience(50*time.Millisecond))
	wg.Wait()
	assert.False(t, spinSettled.Load(), "a goroutine that never blocks never settles")
}

func TestAGoroutineWaitingForAChildProcessIsBlocked(t *testing.T) {
	dump := "goroutine 20 [syscall]:\nsyscall.Syscall6(0xf7, 0x3)\n\t/go/src/syscall/syscall_linux.go:96 +0x39\n" +
		"os.(*Process).pidfdWait(0xc0000c20c0)\n\t/go/src/os/pidfd_linux.go:107 +0x1c7\n" +
		"os.(*Process).wait(0x0?)\n\t/go/src/os/exec_unix.go:25 +0x1a\n" +
		"os/exec.(*Cmd).Wait(0xc000122000)\n\t/go/src/os/exec/exec.go:930 +0x45\n" +
		"created by main.main in goroutine 1\n\t/x/main.go:14 +0x96\n\n" +
		"goroutine 21 [syscall]:\nsyscall.Syscall(0x0, 0x3)\n\t/go/src/syscall/syscall_linux.go:73 +0x25\n" +
		"created by main.main in goroutine 1\n\t/x/main.go:15 +0x96\n"
	got := parseCensus([]byte(dump))
	require.Len(t, got, 2)
	assert.True(t, got[0].blocked(), "it waits for another program, which the check may hold")
	assert.False(t, got[1].blocked(), "any other system call ends by itself")
}

// waitHere is a function the toy answer below blocks in, by name.
func waitHere(ch <-chan struct{}) { <-ch }

func TestAwaitCallerInSeesTheFunctionTheAnswerWaitsIn(t *testing.T) {
	var seen, seenReturning atomic.Int32
	var learners atomic.Int32
	ex := Exercise[func(work func())]{
		Info: Info{Name: "Joining"},
		Check: func(c *C, impl func(work func())) {
			work := func() {
				seen.Store(int32(c.AwaitCallerIn(".waitHere(")))
				learners.Store(int32(c.Learners(".waitHere(")))
			}
			c.Call("Joining(work)", "", func() { impl(work) })
			seenReturning.Store(int32(c.AwaitCallerIn(".waitHere(")))
			assert.True(t, c.Returned())
		},
	}
	r := ex.Run(func(work func()) {
		done := make(chan struct{})
		go func() { defer close(done); work() }()
		waitHere(done)
	}, WithPatience(time.Second))
	require.Equal(t, Passed, r.Status, r.Message)
	assert.Equal(t, CallerBlocked, Caller(seen.Load()))
	assert.Equal(t, int32(1), learners.Load())
	assert.Equal(t, CallerReturned, Caller(seenReturning.Load()))
}
