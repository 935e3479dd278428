package supervisor

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/syncwriter"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// buffer is a bytes.Buffer safe for concurrent writes.
type buffer = syncwriter.Buffer

func newSession(t *testing.T, o Options) (*Session, *buffer, *buffer) {
	t.Helper()
	var out, errs buffer
	o.Stdout, o.Stderr = &out, &errs
	s := New(o)
	t.Cleanup(func() {
		s.Close()
		testenv.CheckRaces(t)
	})
	return s, &out, &errs
}

func decl(src string) Chunk { return Chunk{Src: src, Replay: true} }
func stmt(src string) Chunk { return Chunk{Src: src} }

func eval(t *testing.T, s *Session, chunks ...Chunk) Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := s.Eval(ctx, Request{Chunks: chunks})
	require.NoError(t, err)
	return res
}

func TestOutputArrivesBeforeTheResult(t *testing.T) {
	s, out, _ := newSession(t, Options{})
	res := eval(t, s, decl(`import "fmt"`), stmt(`for i := 0; i < 1000; i++ { fmt.Println("line", i) }`))
	require.Nil(t, res.Err)
	assert.Equal(t, 2, res.Evaluated)
	assert.Equal(t, 1000, strings.Count(out.String(), "line"))
	assert.True(t, strings.HasSuffix(out.String(), "line 999\n"))
}

func TestCompileErrorStopsTheRequest(t *testing.T) {
	s, _, _ := newSession(t, Options{})
	res := eval(t, s, stmt(`x := 1`), stmt(`/*line cell2:1:1*/undefinedName`), stmt(`y := 2`))
	require.NotNil(t, res.Err)
	assert.Equal(t, 1, res.Evaluated)
	assert.Contains(t, res.Err.Msg, "cell2:1:1: undefined: undefinedName")
}

func TestPanicInTheCellIsAnErrorNotACrash(t *testing.T) {
	s, _, _ := newSession(t, Options{})
	res := eval(t, s, decl("func f() {\n/*line cell1:2:1*/\tpanic(\"boom\")\n}"), stmt(`/*line cell2:1:1*/f()`))
	require.NotNil(t, res.Err)
	assert.Nil(t, res.Crash)
	assert.True(t, res.Err.Panic)
	assert.Equal(t, "boom", res.Err.Msg)
	require.Len(t, res.Err.Frames, 2)
	assert.Equal(t, "main.f", res.Err.Frames[0].Func)
	assert.Equal(t, "main", res.Err.Frames[1].Func)
}

func TestGoroutinePanicCrashesTheWorkerWhichRestartsWithTheDeclarations(t *testing.T) {
	s, out, _ := newSession(t, Options{})
	pid1, err := s.PID(context.Background())
	require.NoError(t, err)
	require.Nil(t, eval(t, s, decl(`import "fmt"`), decl(`func twice(n int) int { return 2 * n }`)).Err)

	res := eval(t, s, stmt(`done := make(chan int)`), stmt("/*line cell3:1:1*/go func() {\n/*line cell3:2:1*/\tpanic(\"boom\")\n}(); <-done"))
	require.NotNil(t, res.Crash)
	assert.Equal(t, "panic: boom", res.Crash.Report)
	assert.Equal(t, 2, res.Crash.ExitCode)
	require.NotEmpty(t, res.Crash.Frames)
	assert.Equal(t, "main.func", res.Crash.Frames[0].Func)
	assert.Equal(t, "cell3:2:2", res.Crash.Frames[0].Pos)
	require.NotNil(t, res.Restart)
	assert.Equal(t, 2, res.Restart.Replayed)

	pid2, err := s.PID(context.Background())
	require.NoError(t, err)
	assert.NotEqual(t, pid1, pid2)
	require.Nil(t, eval(t, s, stmt(`fmt.Println(twice(21))`)).Err)
	assert.Equal(t, "42\n", out.String())
}

func TestDeadlockIsFoundByTheRuntime(t *testing.T) {
	s, _, _ := newSession(t, Options{})
	res := eval(t, s, stmt(`ch := make(chan int)`), stmt(`<-ch`))
	require.NotNil(t, res.Crash)
	assert.True(t, res.Crash.Deadlock(), res.Crash.Report)
}

func TestOsExitEndsTheWorkerWithItsStatus(t *testing.T) {
	s, _, _ := newSession(t, Options{})
	res := eval(t, s, decl(`import "os"`), stmt(`os.Exit(3)`))
	require.NotNil(t, res.Crash)
	assert.Equal(t, 3, res.Crash.ExitCode)
	assert.Equal(t, "the program called os.Exit(3)", res.Crash.What())
}

func TestInterruptStopsABlockedCell(t *testing.T) {
	s, out, _ := newSession(t, Options{})
	res := interruptAsleep(t, s, out, `fmt.Println("asleep"); time.Sleep(time.Hour)`)
	assert.True(t, res.Interrupted)
	assert.Nil(t, res.Crash)
}

// interruptAsleep runs cell, which prints "asleep" and then blocks, and
// interrupts it once, when it has printed: a second Ctrl-C would kill the
// worker, which is a different test. It returns the cell's result.
func interruptAsleep(t *testing.T, s *Session, out *buffer, cell string) Result {
	t.Helper()
	require.Nil(t, eval(t, s, decl(`import ("fmt"; "time")`)).Err)
	done := make(chan Result, 1)
	go func() {
		res, _ := s.Eval(context.Background(), Request{Chunks: []Chunk{stmt(cell)}})
		done <- res
	}()
	require.Eventually(t, func() bool { return out.String() == "asleep\n" }, 10*time.Second, time.Millisecond)
	s.Interrupt()
	select {
	case res := <-done:
		return res
	case <-time.After(10 * time.Second):
		require.FailNow(t, "the interrupted cell did not return within 10s")
		return Result{}
	}
}

func TestWaitingOnATimerIsNotADeadlock(t *testing.T) {
	s, out, _ := newSession(t, Options{})
	res := eval(t, s, decl(`import ("fmt"; "time"; "context")`),
		stmt(`ch := make(chan int)`),
		stmt(`select { case <-ch: case <-time.After(150*time.Millisecond): fmt.Println("timeout") }`),
		stmt(`ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)`),
		stmt(`<-ctx.Done(); cancel(); fmt.Println(ctx.Err())`),
		stmt(`tm := time.NewTimer(150*time.Millisecond)`),
		stmt(`<-tm.C; fmt.Println("timer")`),
	)
	require.Nil(t, res.Crash)
	require.Nil(t, res.Err)
	assert.Equal(t, "timeout\ncontext deadline exceeded\ntimer\n", out.String())
}

func TestDeadlockOnAMutexOrWaitGroup(t *testing.T) {
	for _, code := range []string{
		`mu := new(sync.Mutex); mu.Lock(); mu.Lock()`,
		`wg := new(sync.WaitGroup); wg.Add(1); wg.Wait()`,
		`ch := make(chan int); go func() { ch <- 1; ch <- 2 }(); <-ch; select {}`,
	} {
		s, _, _ := newSession(t, Options{})
		res := eval(t, s, decl(`import "sync"`), stmt(code))
		require.NotNil(t, res.Crash, code)
		assert.True(t, res.Crash.Deadlock(), code)
	}
}

func TestAnInterruptJustBeforeARequestStopsIt(t *testing.T) {
	s, _, _ := newSession(t, Options{})
	require.Nil(t, eval(t, s, decl(`import "time"`)).Err)
	s.Interrupt() // Ctrl-C right after Enter, before the cell starts
	res := eval(t, s, stmt(`time.Sleep(time.Hour)`))
	assert.True(t, res.Interrupted)
}

func TestAnInterruptTooLateForItsRequestIsDropped(t *testing.T) {
	s, out, _ := newSession(t, Options{})
	require.Nil(t, eval(t, s, decl(`import ("fmt"; "time")`)).Err)
	s.interrupts <- s.evals.Load() - 1 // meant for the request that just ended
	res := eval(t, s, stmt(`time.Sleep(20 * time.Millisecond); fmt.Println("slept")`))
	assert.False(t, res.Interrupted)
	assert.Equal(t, "slept\n", out.String())
}
