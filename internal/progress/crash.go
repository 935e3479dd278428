package progress

import (
	"fmt"
	"regexp"
	"strings"
)

// A check runs the learner's function inside the test program, and a panic
// in a goroutine that the learner's code started (or a fatal error such as
// concurrent map writes) ends that program before the check can say
// anything: go test prints only the runtime's report. explainCrash puts the
// course's words in front of that report.

// crashRE finds the runtime's first line of a crash report.
var crashRE = regexp.MustCompile(`(?m)^(panic|fatal error): (.*)$`)

// frameRE finds a stack frame's file and line in an exercises package.
var frameRE = regexp.MustCompile(`(?m)^\s+(\S*/exercises/[^/\s]+\.go:\d+)`)

// crashCauses maps a piece of the runtime's message to the likely mistake.
var crashCauses = []struct{ says, likely string }{
	{"concurrent map", "goroutines used one map at the same time, which the runtime stops with a fatal error: " +
		"guard the map with a sync.Mutex, or let each goroutine write its own index of a slice"},
	{"send on closed channel", "a goroutine sent on a channel that was already closed: only the senders' side closes " +
		"a channel, and with several senders only once all are done (wg.Wait(), then close)"},
	{"close of closed channel", "a channel was closed twice: with several senders, none of them closes it; " +
		"one more goroutine waits for them all (wg.Wait()) and closes it once"},
	{"close of nil channel", "a channel was closed before it was made: make it first"},
	{"out of range", "an index or a slice bound past the end: check the arithmetic of the parts " +
		"(the last one ends at len, and a part may be empty)"},
	{"nil map", "a write to a map that was never made: make it first"},
	{"nil pointer", "a nil pointer, map or func was used: something was not set before a goroutine used it"},
	{"all goroutines are asleep", "every goroutine waits for another: a channel that nobody sends on, or a " +
		"WaitGroup waiting for more Done calls than there will be"},
}

// explainCrash returns out, a failing test's output, with the course's
// explanation in front if it ends in a crash report; otherwise out as it is.
func explainCrash(exercise, out string) string {
	m := crashRE.FindStringSubmatchIndex(out)
	if m == nil || strings.Contains(out[:m[0]], "is not solved yet.") {
		return out // no crash, or the check had already said what went wrong
	}
	what := strings.TrimSuffix(strings.TrimSpace(out[m[4]:m[5]]), " [recovered, repanicked]")
	where := ""
	if f := frameRE.FindStringSubmatch(out[m[0]:]); f != nil {
		where = ", at " + shortPath(f[1])
	}
	likely := "fix what panicked at the place shown"
	for _, c := range crashCauses {
		if strings.Contains(what, c.says) {
			likely = c.likely
			break
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s is not solved yet.\n", exercise)
	fmt.Fprintf(&b, "    expected:       %s to run to the end\n", exercise)
	fmt.Fprintf(&b, "    happened:       the test program crashed (%s: %s)%s\n", out[m[2]:m[3]], what, where)
	fmt.Fprintf(&b, "    likely mistake: %s\n", likely)
	fmt.Fprintf(&b, "    why no check:   a panic in a goroutine your code started, or a fatal error such as concurrent map "+
		"writes, ends the whole program: the check could not catch it and say more. The runtime's report follows\n\n")
	b.WriteString(out[m[0]:])
	return b.String()
}

// shortPath keeps a file's path from the repository's lessons folder on,
// as the checks' messages name files.
func shortPath(p string) string {
	if i := strings.LastIndex(p, "/lessons/"); i >= 0 {
		return p[i+1:]
	}
	return p
}
