package repl

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// stateMarks are the characters that show a goroutine's states in a
// timeline chart, in the order of its legend.
var stateMarks = []struct {
	state wire.State
	char  byte
	means string
}{
	{wire.StateRunning, '=', "running (or ready to run)"},
	{wire.StateChan, 'c', "waits on a channel"},
	{wire.StateSelect, 's', "waits in a select"},
	{wire.StateSleep, 'z', "sleeps"},
	{wire.StateSync, 'w', "waits for a lock, WaitGroup or Cond"},
	{wire.StateIO, 'i', "waits for I/O or a system call"},
	{wire.StateOther, '.', "other"},
}

// Limits of a timeline chart, so that it fits a terminal.
const (
	maxChartLanes = 24
	maxLaneName   = 24
	chartColumns  = 76 // lane names and time axis together, at most
)

// chartLanes turns a timeline's goroutines into the spans of a chart: one
// lane each, the cell's own code first. It returns the lane names too, and
// the states that appear.
func chartLanes(tl *wire.Timeline) (lanes []string, spans []timeline.Span, used map[wire.State]bool) {
	used = map[wire.State]bool{}
	var own *wire.Track
	var others []wire.Track
	for i, g := range tl.Goroutines {
		if g.Own {
			own = &tl.Goroutines[i]
		} else {
			others = append(others, g)
		}
	}
	// The cell's own code runs from 0 to its end; it was running where
	// no sample says otherwise.
	ownEnd := tl.Ran
	var ownStates []wire.Interval
	if own != nil {
		ownStates = own.States
		if n := len(ownStates); n > 0 {
			ownEnd = max(ownEnd, ownStates[n-1].To)
		}
	}
	ownLane := laneName(tl.Cell+" (its own code)", false)
	lanes = append(lanes, ownLane)
	base := timeline.Mark{Char: markOf(wire.StateRunning), End: ownEnd}
	used[wire.StateRunning] = true
	spans = append(spans, timeline.Span{Lane: ownLane, End: ownEnd, Marks: append([]timeline.Mark{base}, marks(ownStates, used)...)})
	// In the order they started (then by ID: the order of their go
	// statements), numbered so: goroutine IDs differ from run to run.
	slices.SortStableFunc(others, func(a, b wire.Track) int {
		return cmp.Or(cmp.Compare(firstSeen(a), firstSeen(b)), cmp.Compare(a.ID, b.ID))
	})
	for i, g := range others {
		if i == maxChartLanes {
			break
		}
		if len(g.States) == 0 {
			continue
		}
		name := laneName(fmt.Sprintf("%s #%d", g.Start, i+1), g.Alive)
		lanes = append(lanes, name)
		spans = append(spans, timeline.Span{Lane: name, Start: g.States[0].From, End: g.States[len(g.States)-1].To, Marks: marks(g.States, used)})
	}
	// Then the child processes, by the names the library gave them.
	for _, p := range tl.Processes {
		if len(lanes) > maxChartLanes || len(p.States) == 0 {
			break
		}
		name := laneName(p.Start+" (process)", p.Alive)
		lanes = append(lanes, name)
		spans = append(spans, timeline.Span{Lane: name, Start: p.States[0].From, End: p.States[len(p.States)-1].To, Marks: marks(p.States, used)})
	}
	return lanes, spans, used
}

// firstSeen is when the worker first saw g.
func firstSeen(g wire.Track) time.Duration {
	if len(g.States) == 0 {
		return 0
	}
	return g.States[0].From
}

// laneName cuts a lane's name to fit; a goroutine still running when the
// record ended gets a "+".
func laneName(name string, alive bool) string {
	suffix := ""
	if alive {
		suffix = " +"
	}
	if len(name)+len(suffix) > maxLaneName {
		name = name[:maxLaneName-len(suffix)]
	}
	return name + suffix
}

// marks shades a goroutine's states: the running ones last, so that a
// short run among long waits still shows.
func marks(states []wire.Interval, used map[wire.State]bool) []timeline.Mark {
	var waiting, running []timeline.Mark
	for _, s := range states {
		m := timeline.Mark{Char: markOf(s.State), Start: s.From, End: s.To}
		used[s.State] = true
		if s.State == wire.StateRunning {
			running = append(running, m)
		} else {
			waiting = append(waiting, m)
		}
	}
	return append(waiting, running...)
}

func markOf(s wire.State) byte {
	for _, m := range stateMarks {
		if m.state == s {
			return m.char
		}
	}
	return '.'
}

// legend explains the marks of the states used, wrapped to the chart's
// width.
func legend(used map[wire.State]bool) string {
	var items []string
	for _, m := range stateMarks {
		if used[m.state] {
			items = append(items, string(m.char)+" "+m.means)
		}
	}
	var b strings.Builder
	col := 0
	for i, it := range items {
		if i > 0 && col+3+len(it) > chartColumns {
			b.WriteString("\n")
			col = 0
		} else if i > 0 {
			b.WriteString("   ")
			col += 3
		}
		b.WriteString(it)
		col += len(it)
	}
	return b.String() + "\n"
}

// drawTimeline is what :timeline shows for a timeline with goroutines.
func drawTimeline(tl *wire.Timeline) string {
	lanes, spans, used := chartLanes(tl)
	nameWidth := 0
	for _, l := range lanes {
		nameWidth = max(nameWidth, len(l)+2)
	}
	width := max(32, min(timeline.DefaultWidth, chartColumns-nameWidth))

	var b strings.Builder
	others := len(tl.Goroutines) - 1 + tl.Dropped
	if len(tl.Goroutines) > 0 && !tl.Goroutines[0].Own {
		others++
	}
	what := tl.Cell
	if others > 0 {
		what += " and the " + plural(others, "goroutine") + " it started"
	}
	switch n := len(tl.Processes); {
	case n == 1:
		what += ", with the child process alive meanwhile"
	case n > 1:
		what += fmt.Sprintf(", with the %d child processes alive meanwhile", n)
	}
	fmt.Fprintf(&b, "%s, seen in %d looks over %v:\n", what, tl.Samples, round(tl.End))
	b.WriteString(timeline.Draw(lanes, spans, width))
	drawn := 0
	for _, l := range lanes[1:] {
		if !strings.Contains(l, " (process)") {
			drawn++
		}
	}
	if hidden := others - drawn; hidden > 0 {
		fmt.Fprintf(&b, "... and %s more, not drawn\n", plural(hidden, "goroutine"))
	}
	b.WriteString("\n" + legend(used))
	for _, l := range lanes {
		if strings.HasSuffix(l, " +") {
			b.WriteString("+ still running when the record ended\n")
			break
		}
	}
	if tl.Stopped != "" {
		fmt.Fprintf(&b, "The worker stopped looking: %s.\n", tl.Stopped)
	}
	return b.String()
}
