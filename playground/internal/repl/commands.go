package repl

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/supervisor"
)

// onCrash reports a worker that died between cells.
func (r *repl) onCrash(c *supervisor.Crash, rs *supervisor.Restart) {
	var b strings.Builder
	rep := &reporter{fe: nil, out: &b}
	b.WriteString("\nThe worker died while no cell was running: a goroutine of an earlier cell ended it.\n")
	if c.Report != "" {
		b.WriteString(c.Report + "\n")
	}
	b.WriteString(explain(c, false) + "\n")
	rep.restart(rs)
	r.live.clear()
	if rs != nil && rs.Fresh {
		r.fresh.Store(true)
	}
	r.failed.Store(true)
	fmt.Fprint(r.ed, b.String())
}

// idleInterrupt answers a Ctrl-C at the prompt: it drops the line, and
// stops no goroutine, which the learner may have meant; if some run, it
// says how to stop them.
func (r *repl) idleInterrupt() {
	n := r.live.count()
	if n == 0 {
		return
	}
	what := plural(n, "goroutine") + " of your cells are"
	if n == 1 {
		what = "1 goroutine of your cells is"
	}
	fmt.Fprintf(r.ed, "%s still alive: Ctrl-C at the prompt only drops the line. :goroutines shows where they are;\n"+
		":restart stops them (a new worker, your declarations replayed), or make them return (close a channel they wait on).\n", what)
}

func (r *repl) onSlowInterrupt() {
	fmt.Fprintln(r.ed, "The cell has not stopped after a second (it may be blocked in compiled code).\n"+
		"Press Ctrl-C again to kill the worker and start a new one; your declarations are replayed.")
}

// command runs a :command line; it reports whether to quit.
func (r *repl) command(ctx context.Context, line string) bool {
	name, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
	c, ok := lookup(name)
	if !ok {
		fmt.Fprintf(r.ed, "Unknown command :%s. Type :help for the commands.\n", name)
		r.failed.Store(true)
		return false
	}
	return c.run(ctx, r, strings.TrimSpace(arg))
}

func cmdHelp(_ context.Context, r *repl, arg string) bool {
	switch arg {
	case "":
		fmt.Fprint(r.ed, helpText())
	case "children", "child", "processes":
		fmt.Fprint(r.ed, childrenHelp())
	default:
		c, ok := lookup(strings.TrimPrefix(arg, ":"))
		if !ok {
			fmt.Fprintf(r.ed, "No command :%s. Type :help for the commands.\n", strings.TrimPrefix(arg, ":"))
			r.failed.Store(true)
			return false
		}
		fmt.Fprintf(r.ed, "%s\n    %s\n", c.usage(), c.Summary)
	}
	return false
}

func cmdQuit(context.Context, *repl, string) bool { return true }

func cmdPackages(_ context.Context, r *repl, _ string) bool {
	fmt.Fprint(r.ed, packagesHelp())
	return false
}

func cmdDecls(_ context.Context, r *repl, _ string) bool {
	decls := r.sess.Declarations()
	if len(decls) == 0 {
		fmt.Fprintln(r.ed, "No declarations yet.")
	}
	for _, d := range decls {
		fmt.Fprintln(r.ed, strings.TrimSuffix(strings.TrimSpace(stripDirectives(d)), ";"))
	}
	return false
}

func cmdRestart(ctx context.Context, r *repl, _ string) bool { return r.restart(ctx, false) }

func cmdReset(ctx context.Context, r *repl, _ string) bool { return r.restart(ctx, true) }

// restart starts a new worker: with the session's declarations, or with
// none (fresh).
func (r *repl) restart(ctx context.Context, fresh bool) bool {
	rs, err := r.sess.Restart(ctx, fresh)
	if err != nil {
		fmt.Fprintf(r.ed, "playground: %v\n", err)
		return false
	}
	if fresh {
		r.resetSession()
	}
	r.live.clear()
	r.rep.restart(rs)
	return false
}

var lineDirective = regexp.MustCompile(`/\*line [^*]*\*/`)

func stripDirectives(s string) string { return lineDirective.ReplaceAllString(s, "") }
