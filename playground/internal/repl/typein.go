package repl

import (
	"context"
	"fmt"
	"strings"

	"github.com/gophertutor/concurrency/internal/syncwriter"
	"github.com/gophertutor/concurrency/playground/internal/book"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/lineedit"
)

// typeIn runs an input as if the learner had typed it at the prompt, and
// shows it first, after the prompt, as a session in a README does.
func (r *repl) typeIn(ctx context.Context, input string) {
	fmt.Fprint(r.ed, book.Echo(r.prompt(), input))
	if cmd, ok := strings.CutPrefix(strings.TrimSpace(input), ":"); ok {
		r.command(ctx, cmd) // :quit in a session does not end the REPL
		return
	}
	if strings.TrimSpace(input) != "" {
		r.eval(ctx, input)
	}
}

// Transcript types inputs into a new REPL session and returns what it
// shows: each input after its prompt, then what it printed. It is how a
// README's playground sessions are recorded and checked.
func Transcript(ctx context.Context, inputs []string, o Options) string {
	var out syncwriter.Buffer
	ed := lineedit.Plain(strings.NewReader(""), &out)
	r := newREPL(ed, o)
	for _, in := range inputs {
		r.typeIn(ctx, in)
	}
	r.sess.Close()
	return out.String()
}

// splitInputs splits text into inputs as the REPL reads them: a line
// that does not finish a statement continues on the next; empty lines
// between inputs are dropped.
func splitInputs(text string) []string {
	var inputs, lines []string
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if len(lines) == 0 && strings.TrimSpace(line) == "" {
			continue
		}
		lines = append(lines, line)
		joined := strings.Join(lines, "\n")
		if strings.HasPrefix(strings.TrimSpace(lines[0]), ":") || !frontend.NeedsMore(joined) {
			inputs = append(inputs, joined)
			lines = nil
		}
	}
	if len(lines) > 0 {
		inputs = append(inputs, strings.Join(lines, "\n"))
	}
	return inputs
}
