package termination_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// What killing a process does to what it held: the hazards Python's
// documentation warns about, run.

// A child killed in the middle of putting on a queue, or of sending its
// result, never gives the parent a torn item or part of a result, and
// nothing hangs. The kills land wherever they land: most of a putter's
// time goes into writing 1 MiB items, so most land in the middle of one
// (the exact cut is lesson 01's test: TestAChildKilledInTheMiddleOfAPutLeavesNoTornItem).
func TestKillingAPutterNeverTearsAnItem(t *testing.T) {
	q := processes.NewQueue[[]byte](0)
	defer q.Close()
	cut, kills := 0, 10
	for range kills {
		p := processes.New(putBig, q)
		require.NoError(t, p.Start(t.Context()))
		first, err := q.Get(t.Context()) // it is putting
		require.NoError(t, err)
		whole(t, first)
		time.Sleep(time.Duration(rand.IntN(20000)) * time.Microsecond) // a random moment: simulated chance, not a wait for something
		require.NoError(t, p.Kill())
		_, err = p.Wait(t.Context())
		var exit *processes.ExitError
		require.ErrorAs(t, err, &exit)
		assert.Equal(t, syscall.SIGKILL, exit.Signal)
		if exit.CutShort() {
			cut++
		}
		require.NoError(t, q.Put(t.Context(), bytes.Repeat([]byte{9}, itemSize)), "the queue goes on")
	}
	n := 0
	for {
		item, err := q.TryGet()
		if errors.Is(err, processes.ErrEmpty) {
			break
		}
		require.NoError(t, err)
		whole(t, item)
		n++
	}
	t.Logf("%d kills, %d of them in the middle of a message; %d more items, every one whole", kills, cut, n)
}

func whole(t *testing.T, item []byte) {
	t.Helper()
	require.Len(t, item, itemSize)
	require.Equal(t, bytes.Repeat(item[:1], itemSize), item, "every byte of the item is its own")
}

func TestKillingASenderNeverGivesPartOfAResult(t *testing.T) {
	for range 10 {
		p := processes.New(sendBig, 0)
		require.NoError(t, p.Start(t.Context()))
		time.Sleep(time.Duration(rand.IntN(8000)) * time.Microsecond) // a random moment, as above
		require.NoError(t, p.Kill())
		v, err := p.Wait(t.Context())
		if err == nil {
			assert.Len(t, v, 8*itemSize, "a result that came is whole")
			continue
		}
		assert.Nil(t, v, "no part of a result")
		var exit *processes.ExitError
		require.ErrorAs(t, err, &exit)
	}
}

// A killed child's flock is released by the kernel; a lock file (O_EXCL)
// outlives it: it is a file, not a lock.
func TestTheKernelReleasesAKilledChildsFlock(t *testing.T) {
	dir := t.TempDir()
	ready := processes.NewQueue[int](0)
	defer ready.Close()

	path := filepath.Join(dir, "flock")
	p := processes.New(holdLock, Holder{Path: path, Ready: ready})
	require.NoError(t, p.Start(t.Context()))
	_, err := ready.Get(t.Context())
	require.NoError(t, err)
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	require.ErrorIs(t, syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB), syscall.EWOULDBLOCK, "the child holds it")
	require.NoError(t, p.Kill())
	_, _ = p.Wait(t.Context())
	require.NoError(t, syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB), "the kernel released it")

	lockFile := filepath.Join(dir, "lockfile")
	q := processes.New(makeLockFile, Holder{Path: lockFile, Ready: ready})
	require.NoError(t, q.Start(t.Context()))
	_, err = ready.Get(t.Context())
	require.NoError(t, err)
	require.NoError(t, q.Kill())
	_, _ = q.Wait(t.Context())
	_, err = os.OpenFile(lockFile, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	require.ErrorIs(t, err, os.ErrExist, "the lock file outlived its holder: a stale lock")
}

// A child killed with children of its own: they exit by themselves, so
// none is orphaned for long. This process adopts orphans (Linux's
// subreaper), so the grandchild becomes its child once its parent dies,
// and the test waits for it: it exits, with code 0, having read
// end-of-file on its pipe from its dead parent.
func TestAKilledChildsOwnChildrenExit(t *testing.T) {
	if !adoptOrphans(t) {
		t.Skip("only Linux hands orphans to a subreaper; lesson 01's TestAGrandchildDiesWithItsParent watches them go")
	}
	ready := processes.NewQueue[int](0)
	defer ready.Close()
	p := processes.New(parentOfGrandchild, ready)
	require.NoError(t, p.Start(t.Context()))
	grandchild, err := ready.Get(t.Context())
	require.NoError(t, err)
	require.NoError(t, p.Kill())
	_, _ = p.Wait(t.Context())

	exited := make(chan syscall.WaitStatus, 1)
	go func() {
		var ws syscall.WaitStatus
		_, _ = syscall.Wait4(grandchild, &ws, 0, nil)
		exited <- ws
	}()
	select {
	case ws := <-exited:
		assert.True(t, ws.Exited(), "it exited by itself: %v", ws)
		assert.Equal(t, 0, ws.ExitStatus())
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(grandchild, syscall.SIGKILL)
		t.Fatalf("the grandchild %d was still running 10 s after its parent was killed", grandchild)
	}
}

// os.Exit skips deferred calls: the scratch file stays. A panic runs them
// (lesson 01 recovers it after the function's deferred calls ran).
func TestOsExitSkipsDeferredCallsAndAPanicRunsThem(t *testing.T) {
	dir := t.TempDir()
	scratch := filepath.Join(dir, "exit")
	p := processes.New(exitMidway, scratch)
	require.NoError(t, p.Start(t.Context()))
	_, err := p.Wait(t.Context())
	require.ErrorContains(t, err, "exited with code 1 without a result")
	assert.FileExists(t, scratch, "os.Exit skipped the deferred os.Remove")

	scratch = filepath.Join(dir, "panic")
	p = processes.New(panicMidway, scratch)
	require.NoError(t, p.Start(t.Context()))
	_, err = p.Wait(t.Context())
	var pe *processes.PanicError
	require.ErrorAs(t, err, &pe)
	assert.NoFileExists(t, scratch, "the panic ran the deferred os.Remove")
}
