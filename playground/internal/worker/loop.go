package worker

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"syscall"

	"github.com/traefik/yaegi/interp"

	"github.com/gophertutor/concurrency/playground/internal/stacks"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// maxStack bounds a goroutine's stack, so that runaway recursion ends the
// worker with "stack overflow" in a fraction of a second instead of growing
// to Go's default gigabyte: 64 MB is some 30,000 nested interpreted calls.
// MaxStackEnv, in bytes, overrides it.
const maxStack = 64 << 20

// MaxStackEnv sets the worker's maximum goroutine stack, in bytes.
const MaxStackEnv = "GOPHERTUTOR_PLAYGROUND_MAX_STACK"

// worker is the state of the worker process.
type worker struct {
	incoming <-chan received
	answers  *wire.Writer
	nonce    string
	interp   *interp.Interpreter
	show     *shower
	frames   frameLog
	timers   timers
	timeline recorder  // the last cell's goroutines (timeline.go)
	sites    *sites    // where each goroutine of the learner's code is (sites.go)
	returns  returns   // whether a chunk's code ran to its end (goexit.go)
	looked   lastLook  // the last look at the goroutines a cell left (census.go)
	watch    *ownWatch // after an interrupt, until the cell's own goroutine has ended (ownwatch.go)
}

// Main runs the worker: it answers requests on its control pipes until the
// supervisor closes them. It returns an error only if it cannot start.
func Main() error {
	os.Unsetenv(Env) // a process the learner's code starts is not a worker
	// The control pipes must not leak into the processes the learner's
	// code starts: one that held them would hide the worker's death.
	syscall.CloseOnExec(fdRequests)
	syscall.CloseOnExec(fdAnswers)
	env := newProgramEnv() // before the worker changes GODEBUG
	args := workerArgs()
	limit := maxStack
	if n, err := strconv.Atoi(os.Getenv(MaxStackEnv)); err == nil && n > 0 {
		limit = n
	}
	debug.SetMaxStack(limit)
	// Stack dumps show each goroutine's cell (its pprof labels).
	if err := stacks.EnableLabels(); err != nil {
		return fmt.Errorf("start the worker: %w", err)
	}

	w := &worker{
		answers: wire.NewWriter(os.NewFile(fdAnswers, "answers")),
		show:    &shower{out: os.Stdout},
		sites:   new(sites),
	}
	var nonce [8]byte
	_, _ = rand.Read(nonce[:])
	w.nonce = hex.EncodeToString(nonce[:])

	stderr := frameCatcher{w: os.Stderr, frame: w.sendFrame}
	i, err := newInterpreter(os.Stdout, stderr, args, w.show, &w.timers, w.sites, &w.returns,
		setArgs(args), env.symbols(w.execProgram))
	if err != nil {
		return err
	}
	w.interp = i
	if err := w.answers.Send(wire.Message{Kind: wire.KindReady, Ready: &wire.Ready{PID: os.Getpid(), Nonce: w.nonce}}); err != nil {
		return err
	}
	w.incoming = startReader(os.NewFile(fdRequests, "requests"))

	w.serve()
	return nil
}

// sendFrame passes a panic frame on at once: the panic may end the worker.
func (w *worker) sendFrame(f wire.Frame) {
	w.frames.add(f)
	_ = w.answers.Send(wire.Message{Kind: wire.KindFrame, Frame: &f})
}

// serve answers requests until the supervisor goes away.
func (w *worker) serve() {
	for r := range w.incoming {
		if r.err != nil {
			w.exit()
		}
		w.stopWatch()
		switch r.msg.Kind {
		case wire.KindEval:
			w.show.setTypes(r.msg.Eval.Types)
			w.eval(r.msg.ID, r.msg.Eval)
		case wire.KindGoroutines:
			gs := w.currentGoroutines()
			w.finish(r.msg.ID, wire.Done{Goroutines: gs, Live: len(gs)})
		case wire.KindPing:
			w.finish(r.msg.ID, wire.Done{})
		case wire.KindTimeline:
			w.sendTimeline(r.msg.ID)
		}
	}
}

// eval runs one request, watching for an interrupt and for a deadlock.
// Its answer counts the learner's goroutines left running, and measures
// the request if it asks.
func (w *worker) eval(id uint64, req *wire.Eval) {
	cell, chunks := req.Cell, req.Chunks
	start := takeCensus()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w.frames.reset()
	defer w.timeline.begin(cell)()
	result := make(chan wire.Done, 1)
	if cell == "" {
		cell = "input" // every goroutine the request starts is the learner's
	}
	before := 0
	if req.Measure {
		before = len(w.settledGoroutines(false))
	}
	spawn(func() {
		pprof.Do(ctx, pprof.Labels(stacks.CellLabel, cell), func(ctx context.Context) {
			var d wire.Done
			stats := measure(func() { d = w.evaluate(ctx, chunks) })
			if req.Measure {
				d.Stats = &stats
			}
			result <- d
		})
	})
	detector := startDeadlockDetector(&w.timers, w.deadlock, w.noGoroutines)
	defer detector.close()
	interrupted := false
	for {
		select {
		case d := <-result:
			if d.Goexit && req.Main && !interrupted {
				// A program's main goroutine left by runtime.Goexit: the
				// program goes on until the detector finds its other
				// goroutines all gone or all blocked, or an interrupt.
				detector.mainLeft()
				result = nil
				continue
			}
			if d.Goexit && req.Main { // it left as the interrupt came
				d.Goexit, d.Interrupted = false, true
			}
			detector.close()
			w.answer(id, d, start, before)
			return
		case r := <-w.incoming:
			if r.err != nil {
				w.exit()
			}
			if r.msg.Kind == wire.KindInterrupt && r.msg.ID == id {
				cancel()
				interrupted = true
				if result == nil { // main has left: nothing else will answer
					w.finish(id, wire.Done{Interrupted: true, Live: len(w.settledGoroutines(false))})
					return
				}
			}
		}
	}
}

// answer answers request id, whose cell has ended with d, with the
// learner's goroutines it left (before counts those there were before it,
// if it is measured); start is the census before it began.
func (w *worker) answer(id uint64, d wire.Done, start census, before int) {
	if !d.Interrupted && startedNone(start) {
		w.timeline.halt() // nothing of the cell's is left to sample
	}
	left := w.settledGoroutines(d.Interrupted)
	d.Live = len(left)
	if d.Stats != nil {
		d.Stats.Before, d.Stats.After = before, d.Live
	}
	w.finish(id, d)
	own := slices.ContainsFunc(left, func(g wire.Goroutine) bool { return g.Own })
	if own || d.Interrupted && len(left) > 0 {
		w.watchOwn(id, d.Live, d.Interrupted) // what the interrupt left ends later
	}
}

// finish marks the end of request id's output on stdout and stderr, then
// answers it.
func (w *worker) finish(id uint64, d wire.Done) {
	mark := wire.SyncMark(w.nonce, id)
	_, _ = os.Stdout.Write(mark)
	_, _ = os.Stderr.Write(mark)
	_ = w.answers.Send(wire.Message{Kind: wire.KindDone, ID: id, Done: &d})
}

// exit ends the worker when the supervisor has gone: with everything it
// started, if it leads its own process group, so that nothing it started
// outlives it.
func (w *worker) exit() {
	if syscall.Getpgrp() == os.Getpid() {
		_ = syscall.Kill(0, syscall.SIGKILL)
	}
	os.Exit(0)
}
