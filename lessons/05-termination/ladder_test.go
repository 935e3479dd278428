package termination_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	termination "github.com/gophertutor/concurrency/lessons/05-termination"
	"github.com/gophertutor/concurrency/lessons/internal/faults"
)

// grace is the ladder's grace period where a process must stop within
// it: far more than one that listens needs. Where the rung must expire (a
// process deaf to it), the tests give it short: waiting changes nothing.
const (
	grace      = 2 * time.Second
	shortGrace = 50 * time.Millisecond
)

// stoppee starts a faults.Stoppee of kind k and waits until it is ready to
// be stopped. Its context is cancel's; lesson 01's own grace is longer
// than the ladder's two, so the ladder decides every rung.
func stoppee(t *testing.T, ctx context.Context, k faults.StopKind) (*processes.Process[faults.Partial], string) {
	t.Helper()
	ready := processes.NewQueue[int](0)
	defer ready.Close()
	scratch := filepath.Join(t.TempDir(), "scratch")
	p := processes.New(faults.Stoppee, faults.StopTask{Kind: k, Ready: ready, Scratch: scratch}, processes.WithGrace(3*grace))
	require.NoError(t, p.Start(ctx))
	_, err := ready.Get(t.Context())
	require.NoError(t, err, "%s is ready", k)
	return p, scratch
}

// expectStopped checks what stopping a process of case c gave.
func expectStopped(t *testing.T, c faults.StopCase, p *processes.Process[faults.Partial], scratch string, rung termination.Rung) {
	t.Helper()
	assert.Equal(t, c.Rung, rung.String(), "the rung %s needed", c.Kind)
	partial, err := p.Wait(t.Context())
	if c.Returns {
		require.NoError(t, err)
		assert.Positive(t, partial.Steps, "its partial result came back")
	} else {
		var exit *processes.ExitError
		require.ErrorAs(t, err, &exit, "it died without a result")
	}
	_, statErr := os.Stat(scratch)
	assert.Equal(t, c.Cleans, errors.Is(statErr, os.ErrNotExist), "its deferred calls ran: %v", c.Cleans)
	code, ok := p.ExitCode()
	require.True(t, ok)
	assert.Equal(t, c.ExitCode, code)
}

// Each way a process answers, stopped alone: the ladder climbs to the rung
// the table says, and no further. A process deaf to its context is not
// asked (that rung would only expire): its ladder starts at SIGTERM.
func TestTheLadderClimbsNoHigherThanItMust(t *testing.T) {
	for _, c := range faults.StopCases {
		t.Run(c.Kind.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			p, scratch := stoppee(t, ctx, c.Kind)
			ask, g := func() { cancel() }, grace
			if c.Kind != faults.Listens {
				ask = nil
			}
			if c.Kind == faults.IgnoresTerm {
				g = shortGrace
			}
			rungs, err := termination.Stop(ask, g, p)
			require.NoError(t, err)
			require.Len(t, rungs, 1)
			expectStopped(t, c, p, scratch, rungs[0])
		})
	}
}

// All of them at once: one ask for all, then each rung only for those
// still running (this one waits out two grace periods: a second's each).
func TestTheLadderStopsAMixedCrowd(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var ps []termination.Stoppable
	var procs []*processes.Process[faults.Partial]
	var scratches []string
	for _, c := range faults.StopCases {
		p, s := stoppee(t, ctx, c.Kind)
		ps, procs, scratches = append(ps, p), append(procs, p), append(scratches, s)
	}
	asked := 0
	rungs, err := termination.Stop(func() { asked++; cancel() }, time.Second, ps...)
	require.NoError(t, err)
	assert.Equal(t, 1, asked, "ask is called once for all")
	for i, c := range faults.StopCases {
		t.Run(c.Kind.String(), func(t *testing.T) { expectStopped(t, c, procs[i], scratches[i], rungs[i]) })
	}
}

// With no ask, the ladder starts at SIGTERM.
func TestWithoutAskTheLadderStartsAtSIGTERM(t *testing.T) {
	p, _ := stoppee(t, t.Context(), faults.Listens)
	rungs, err := termination.Stop(nil, grace, p)
	require.NoError(t, err)
	assert.Equal(t, []termination.Rung{termination.Terminated}, rungs)
	_, err = p.Wait(t.Context())
	assert.ErrorContains(t, err, "killed by signal 15")
}

func TestStopBadInput(t *testing.T) {
	t.Run("a grace period below zero", func(t *testing.T) {
		p, _ := stoppee(t, t.Context(), faults.Listens)
		_, err := termination.Stop(nil, -time.Second, p)
		require.ErrorContains(t, err, "termination: stop: a grace period of -1s: it cannot be negative")
		assert.True(t, p.Alive(), "nothing was stopped")
		require.NoError(t, p.Kill())
		_, _ = p.Wait(t.Context())
	})
	t.Run("a process not started", func(t *testing.T) {
		asked := false
		_, err := termination.Stop(func() { asked = true }, grace, processes.New(processes.Square, 2))
		require.ErrorContains(t, err, "process 1 of 1 has not been started")
		assert.False(t, asked)
		_, err = termination.Stop(nil, grace, nil)
		require.ErrorContains(t, err, "has not been started")
	})
	t.Run("a process that has exited", func(t *testing.T) {
		p := processes.New(processes.Square, 3)
		require.NoError(t, p.Start(t.Context()))
		v, err := p.Wait(t.Context())
		require.NoError(t, err)
		require.Equal(t, 9, v)
		asked := false
		rungs, err := termination.Stop(func() { asked = true }, grace, p)
		require.NoError(t, err)
		assert.Equal(t, []termination.Rung{termination.Gone}, rungs)
		assert.False(t, asked, "with nothing running, nobody is asked")
	})
	t.Run("no process", func(t *testing.T) {
		rungs, err := termination.Stop(func() { t.Error("asked") }, grace)
		require.NoError(t, err)
		assert.Empty(t, rungs)
	})
}

func TestRungNames(t *testing.T) {
	var names []string
	for r := termination.Gone; r <= termination.Killed+1; r++ {
		names = append(names, r.String())
	}
	assert.Equal(t, "gone asked terminated killed Rung(4)", strings.Join(names, " "))
}

// Deaf needs the whole ladder.
func TestDeafNeedsSIGKILL(t *testing.T) {
	ready := processes.NewEvent()
	defer ready.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	p := processes.New(termination.Deaf, ready, processes.WithGrace(time.Minute))
	require.NoError(t, p.Start(ctx))
	require.NoError(t, ready.Wait(t.Context()))
	rungs, err := termination.Stop(cancel, shortGrace, p)
	require.NoError(t, err)
	assert.Equal(t, []termination.Rung{termination.Killed}, rungs)
	code, _ := p.ExitCode()
	assert.Equal(t, -9, code)
}
