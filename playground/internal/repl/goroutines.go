package repl

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gophertutor/concurrency/playground/internal/book"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/lineedit"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// prompt is the prompt of a new cell: Prompt, or with a badge when the
// cells left goroutines alive, "go[2]> ".
func (r *repl) prompt() string {
	if n := r.live.count(); n > 0 {
		return fmt.Sprintf("go[%d]> ", n)
	}
	return Prompt
}

// freshPrompt is the prompt to show instead of prompt: a new cell's shows
// the badge as it is now.
func (r *repl) freshPrompt(prompt string) string {
	if _, ok := CutPrompt(prompt); ok {
		return r.prompt()
	}
	return prompt
}

// onLive takes the worker's count of the goroutines after the answer to a
// request (supervisor.Options.OnLive), and shows it.
func (r *repl) onLive(request uint64, n int) {
	if !r.live.update(request, n) {
		return
	}
	if rp, ok := r.ed.(lineedit.Reprompter); ok {
		rp.Redraw()
	}
}

// CutPrompt returns the rest of a line that starts with the prompt of a
// new cell, with or without a badge ("go> ", "go[2]> ").
func CutPrompt(line string) (string, bool) { return book.CutPrompt(line) }

func cmdGoroutines(ctx context.Context, r *repl, _ string) bool {
	gs, request, err := r.sess.Goroutines(ctx)
	if err != nil {
		fmt.Fprintf(r.ed, "playground: %v\n", err)
		r.failed.Store(true)
		return false
	}
	r.live.answer(request, len(gs))
	fmt.Fprint(r.ed, formatGoroutines(r.fe, gs))
	return false
}

// siteFinder resolves the site numbers of the worker's goroutines.
type siteFinder interface {
	Site(k int) (frontend.Site, bool)
}

// formatGoroutines writes the learner's goroutines grouped by the cell that
// started them, then by state and place.
func formatGoroutines(sites siteFinder, gs []wire.Goroutine) string {
	if len(gs) == 0 {
		return "No goroutine of your cells is alive.\n"
	}
	type group struct {
		cell, state, where, code string
		n                        int
	}
	var groups []*group
	for _, g := range gs {
		state, where, code := place(sites, g, "")
		state = compactState(state)
		k := slices.IndexFunc(groups, func(x *group) bool {
			return x.cell == g.Cell && x.state == state && x.where == where
		})
		if k < 0 {
			groups = append(groups, &group{cell: g.Cell, state: state, where: where, code: code})
			k = len(groups) - 1
		}
		groups[k].n++
	}
	slices.SortStableFunc(groups, func(a, b *group) int { return cellNumber(a.cell) - cellNumber(b.cell) })
	states, wheres := make([]string, len(groups)), 0
	width := 0
	for i, g := range groups {
		states[i] = g.state
		if g.n > 1 {
			states[i] += fmt.Sprintf(" ×%d", g.n)
		}
		width = max(width, utf8.RuneCountInString(states[i]))
		wheres = max(wheres, len(g.where))
	}
	var b strings.Builder
	running := 0
	for _, g := range groups {
		if g.state == "running" {
			running += g.n
		}
	}
	fmt.Fprintf(&b, "%s of your cells, %s:\n", plural(len(gs), "goroutine"), runningAndWaiting(len(gs), running))
	last := ""
	for i, g := range groups {
		if g.cell != last {
			fmt.Fprintf(&b, "  started by %s\n", cellTitle(g.cell))
			last = g.cell
		}
		line := "    " + states[i]
		if g.where != "" {
			line += strings.Repeat(" ", width-utf8.RuneCountInString(states[i])+2) + fmt.Sprintf("%-*s  %s", wheres, g.where, g.code)
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return b.String()
}

// runningAndWaiting says how many of n goroutines run (or are ready to)
// and how many wait — for a channel, a lock, a timer, a system call.
func runningAndWaiting(n, running int) string {
	all := "all"
	if n == 2 {
		all = "both"
	}
	switch {
	case running == 0 && n == 1:
		return "waiting"
	case running == 0:
		return all + " waiting"
	case running == n && n == 1:
		return "running"
	case running == n:
		return all + " running"
	}
	return fmt.Sprintf("%d running and %d waiting", running, n-running)
}

// place returns the state of goroutine g, where it waits in the learner's
// code, and the code there, if the site it reached last is where it waits.
func place(sites siteFinder, g wire.Goroutine, current string) (state, where, code string) {
	s, ok := sites.Site(g.Site)
	if !ok || !s.Fits(g.State) {
		return g.State, "", ""
	}
	return s.State(g.State), s.Where(current), s.Text()
}

// compactState shortens the runtime's wait reasons.
func compactState(state string) string {
	switch state {
	case "running", "runnable":
		return "running"
	case "sync.Mutex.Lock", "sync.RWMutex.Lock", "sync.RWMutex.RLock", "semacquire":
		return "mutex"
	case "sync.WaitGroup.Wait":
		return "WaitGroup.Wait"
	case "sync.Cond.Wait":
		return "Cond.Wait"
	case "select (no cases)":
		return "select {}"
	}
	return state
}

// cellTitle names the cell a goroutine belongs to: "cell 3".
func cellTitle(cell string) string {
	if n, ok := strings.CutPrefix(cell, "cell"); ok {
		if _, err := strconv.Atoi(n); err == nil {
			return "cell " + n
		}
	}
	if cell == "input" {
		return "the replayed declarations"
	}
	return cell
}

// cellNumber orders cells: "cell12" is 12; others come first.
func cellNumber(cell string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(cell, "cell"))
	return n
}
