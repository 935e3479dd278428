package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/lineedit"
	"github.com/gophertutor/concurrency/playground/internal/supervisor"
	"github.com/gophertutor/concurrency/playground/internal/typesys"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// The prompts: a new cell, and a line that continues one.
const (
	Prompt       = "go> "
	ContinuePrmt = "... "
)

// Options configure a REPL or a script.
type Options struct {
	// Executable is the worker's binary; empty means this program.
	Executable string
	// Args is os.Args for the interpreted program.
	Args []string
	// Signals delivers SIGINT: it interrupts the running cell (twice: kills
	// the worker), and ends a REPL that waits for input with no terminal.
	Signals <-chan os.Signal
	// ProgramSignals delivers the signals meant for a whole program run
	// once (a file): Script sends each to the worker's process group, as a
	// terminal sends Ctrl-C to the program in the foreground, so that the
	// program's signal.Notify sees it, or the signal ends the program.
	ProgramSignals <-chan os.Signal
	// Stdin is the standard input of a program run compiled; nil is
	// empty.
	Stdin io.Reader
	// Banner is written when the REPL starts on a terminal.
	Banner string
	// Course is the course's directory, where :lessons finds the lessons;
	// "" looks for it from the working directory up.
	Course string
	// Progress is the file that keeps the learner's place in each lesson
	// (book.DefaultProgressPath); "" keeps it in memory.
	Progress string
}

// errSignal: SIGINT came while the REPL waited for input.
var errSignal = errors.New("interrupted by a signal")

// repl is one REPL session.
type repl struct {
	o       Options
	ed      lineedit.Editor
	fe      *frontend.Session
	sess    *supervisor.Session
	rep     *reporter
	failed  atomic.Bool // a cell failed: the exit status of a piped session
	fresh   atomic.Bool // a background crash emptied the session
	live    badge       // the goroutines your cells left alive, for the prompt
	log     cellLog     // the cells that ran, for :build and :race
	last    lastCell    // the last cell sent to run, for :timeline
	reading sync.WaitGroup
	nb      notebook // :lesson's place
}

// Run runs a REPL on ed until the input ends or :quit, and returns the
// exit status: 0, or 1 if a cell failed and no person was typing (input
// piped in), or 130 after SIGINT at the prompt.
func Run(ctx context.Context, ed lineedit.Editor, o Options) int {
	r := newREPL(ed, o)
	defer r.sess.Close()
	if ed.Interactive() && o.Banner != "" {
		fmt.Fprint(ed, o.Banner)
	}
	status := r.loop(ctx)
	if status != 130 && status != 143 {
		r.reading.Wait() // every read has delivered its line
	}
	return status
}

// newREPL makes a session on ed; the caller closes r.sess.
func newREPL(ed lineedit.Editor, o Options) *repl {
	r := &repl{o: o, ed: ed, fe: frontend.NewSession(typesys.New())}
	r.rep = &reporter{fe: r.fe, out: ed}
	r.sess = supervisor.New(supervisor.Options{
		Stdout: ed, Stderr: ed, Executable: o.Executable, Args: o.Args,
		OnCrash: r.onCrash, OnSlowInterrupt: r.onSlowInterrupt, OnLive: r.onLive,
	})
	if rp, ok := ed.(lineedit.Reprompter); ok {
		rp.SetPrompter(r.freshPrompt)
	}
	return r
}

func (r *repl) loop(ctx context.Context) int {
	for {
		text, err := r.readCell(ctx)
		switch {
		case errors.Is(err, errSignal):
			return 130
		case errors.Is(err, context.Canceled):
			return 143
		case errors.Is(err, lineedit.ErrInterrupt):
			r.idleInterrupt()
			continue
		case errors.Is(err, io.EOF):
			return r.status()
		case err != nil:
			fmt.Fprintf(r.ed, "playground: read input: %v\n", err)
			return 1
		}
		if cmd, ok := strings.CutPrefix(strings.TrimSpace(text), ":"); ok {
			if quit := r.command(ctx, cmd); quit {
				return r.status()
			}
			continue
		}
		if strings.TrimSpace(text) != "" {
			r.eval(ctx, text)
		}
	}
}

func (r *repl) status() int {
	if !r.ed.Interactive() && r.failed.Load() {
		return 1
	}
	return 0
}

// readCell reads lines until they make a complete cell.
func (r *repl) readCell(ctx context.Context) (string, error) {
	var lines []string
	blank := 0
	prompt := r.prompt()
	for {
		line, err := r.readLine(ctx, prompt)
		if errors.Is(err, io.EOF) && len(lines) > 0 {
			return strings.Join(lines, "\n"), nil
		}
		if err != nil {
			return "", err
		}
		lines = append(lines, line)
		text := strings.Join(lines, "\n")
		if len(lines) == 1 && (strings.HasPrefix(strings.TrimSpace(line), ":") || strings.TrimSpace(line) == "") {
			return text, nil
		}
		if strings.TrimSpace(line) == "" {
			blank++
		} else {
			blank = 0
		}
		if !frontend.NeedsMore(text) || blank >= 2 {
			return text, nil
		}
		prompt = ContinuePrmt
	}
}

// readLine reads a line, or returns errSignal if SIGINT comes first. The
// reading goroutine is left to the editor's Close.
func (r *repl) readLine(ctx context.Context, prompt string) (string, error) {
	type result struct {
		line string
		err  error
	}
	ch := make(chan result, 1)
	r.reading.Add(1)
	go func() {
		defer r.reading.Done()
		line, err := r.ed.ReadLine(prompt)
		ch <- result{line, err}
	}()
	select {
	case res := <-ch:
		return res.line, res.err
	case <-r.o.Signals:
		return "", errSignal
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// eval runs one cell.
func (r *repl) eval(ctx context.Context, text string) { r.evalCell(ctx, text, false) }

// evalCell runs one cell; with measure set, it returns the worker's
// measures of it (nil if it did not run).
func (r *repl) evalCell(ctx context.Context, text string, measure bool) *wire.Stats {
	if r.fresh.Swap(false) {
		r.resetSession()
	}
	return r.evalSource(ctx, r.fe.NewCell(text), nil, measure)
}

// evalSource runs a cell or a loaded file; before, if set, is called once
// it compiled, before it runs. With measure set, it returns the worker's
// measures of it (nil if it did not run).
func (r *repl) evalSource(ctx context.Context, src *frontend.Source, before func(*frontend.Program), measure bool) *wire.Stats {
	prog, err := r.fe.Compile(src)
	r.last = lastCell{name: src.Name, startsGoroutines: startsGoroutines(src.Text)}
	if err != nil {
		if !r.evalCompiled(ctx, src, err) {
			r.rep.compileErrors(src.Name, err)
			r.lostHint(err)
			r.failed.Store(true)
		}
		return nil
	}
	if len(prog.CheckErrors) > 0 && r.evalCompiled(ctx, src, prog.CheckErrors) {
		return nil // names Go has and the interpreter lacks: it ran compiled
	}
	if before != nil {
		before(prog)
	}
	start := time.Now()
	res, err := runRequest(ctx, r.sess, request(prog, measure), r.ed.Interrupts(), r.o.Signals)
	if err != nil {
		fmt.Fprintf(r.ed, "playground: %v\n", err)
		r.failed.Store(true)
		return nil
	}
	r.fe.Commit(prog, res.Evaluated)
	r.last.ran = res.Err == nil || res.Err.Panic || res.Evaluated > 0
	if res.Crash == nil && !res.Interrupted && res.Err == nil {
		r.log.ran(prog, time.Since(start))
	}
	r.live.answer(res.ID, res.Live)
	switch {
	case res.Crash != nil:
		r.live.clear()
		r.rep.crash(src.Name, res.Crash, res.Restart)
		if res.Restart != nil && res.Restart.Fresh {
			r.resetSession()
		}
		r.failed.Store(true)
	case res.Interrupted:
		fmt.Fprintln(r.ed, "interrupted: the cell and the goroutines your cells started stop at their next step")
	case res.Goexit:
		fmt.Fprintln(r.ed, goexitNote)
		r.failed.Store(true)
	case res.Err != nil:
		if refusal, ok := interpreterRefused(r.fe, prog, res); ok && r.evalCompiled(ctx, src, refusal) {
			break
		}
		r.rep.evalError(prog, res.Err)
		r.lostHint(prog.CheckErrors)
		r.failed.Store(true)
	}
	return res.Stats
}

// request is the supervisor's request for a program, measured if measure
// is set.
func request(p *frontend.Program, measure bool) supervisor.Request {
	req := supervisor.Request{Cell: p.Source.Name, Types: p.Types, Measure: measure}
	for _, c := range p.Chunks {
		req.Chunks = append(req.Chunks, supervisor.Chunk{Src: c.Src, Replay: c.Replay, Stmts: !c.Decl})
	}
	return req
}

// runRequest evaluates a request in the session, passing Ctrl-C and SIGINT
// on as interrupts while it runs.
func runRequest(ctx context.Context, sess *supervisor.Session, req supervisor.Request, keys <-chan struct{}, signals <-chan os.Signal) (supervisor.Result, error) {
	if len(req.Chunks) == 0 {
		return supervisor.Result{}, nil
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-keys:
				sess.Interrupt()
			case <-signals:
				sess.Interrupt()
			case <-done:
				return
			}
		}
	})
	defer wg.Wait()
	defer close(done)
	return sess.Eval(ctx, req)
}
