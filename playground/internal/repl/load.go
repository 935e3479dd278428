package repl

import (
	"context"
	"fmt"
	"os"

	"github.com/gophertutor/concurrency/playground/internal/frontend"
)

// cmdLoad is :load file.go: the file's declarations and statements run in
// the session, as a cell would; a whole program (package main, func main)
// is declared and its main runs.
func cmdLoad(ctx context.Context, r *repl, arg string) bool {
	if arg == "" {
		return r.commandFailed(fmt.Errorf("usage: :load <file.go>"))
	}
	text, err := os.ReadFile(arg)
	if err != nil {
		return r.commandFailed(fmt.Errorf("load: %w", err))
	}
	r.evalSource(ctx, frontend.NewSource(arg, string(text), true), func(p *frontend.Program) {
		if p.RunsMain {
			fmt.Fprintf(r.ed, "%s declares func main: its declarations join the session, and main runs now (main() runs it again).\n", arg)
		}
	}, false)
	return false
}
