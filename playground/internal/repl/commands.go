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
	if rs != nil && rs.Fresh {
		r.fresh.Store(true)
	}
	r.failed.Store(true)
	fmt.Fprint(r.ed, b.String())
}

func (r *repl) onSlowInterrupt() {
	fmt.Fprintln(r.ed, "The cell has not stopped after a second (it may be blocked in compiled code).\n"+
		"Press Ctrl-C again to kill the worker and start a new one; your declarations are replayed.")
}

// command runs a :command; it reports whether to quit.
func (r *repl) command(ctx context.Context, line string) bool {
	name, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
	arg = strings.TrimSpace(arg)
	switch name {
	case "help", "h", "?":
		if arg == "children" || arg == "child" || arg == "processes" {
			fmt.Fprint(r.ed, childrenHelp())
		} else {
			fmt.Fprint(r.ed, helpText)
		}
	case "quit", "q", "exit":
		return true
	case "packages", "pkgs":
		fmt.Fprint(r.ed, packagesHelp())
	case "decls":
		decls := r.sess.Declarations()
		if len(decls) == 0 {
			fmt.Fprintln(r.ed, "No declarations yet.")
		}
		for _, d := range decls {
			fmt.Fprintln(r.ed, strings.TrimSuffix(strings.TrimSpace(stripDirectives(d)), ";"))
		}
	case "restart", "reset":
		rs, err := r.sess.Restart(ctx, name == "reset")
		if err != nil {
			fmt.Fprintf(r.ed, "playground: %v\n", err)
			return false
		}
		if name == "reset" {
			r.fe.Reset()
		}
		r.rep.restart(rs)
	default:
		fmt.Fprintf(r.ed, "Unknown command :%s. Type :help for the commands.\n", name)
		r.failed.Store(true)
	}
	return false
}

var lineDirective = regexp.MustCompile(`/\*line [^*]*\*/`)

func stripDirectives(s string) string { return lineDirective.ReplaceAllString(s, "") }
