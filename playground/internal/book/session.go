package book

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gophertutor/concurrency/internal/notebook"
)

// sessionMarker is the HTML comment before a playground session.
const sessionMarker = "session"

// The REPL's prompts, as a session shows them.
const (
	prompt       = "go> "
	continuation = "... "
)

// Session is a playground session recorded in a README.
type Session struct {
	// Inputs are the cells typed, each with its continuation lines.
	Inputs []string
	// Body is the whole block: the inputs after their prompts, and what
	// the REPL printed.
	Body string
	// Rules say what may differ between runs (package notebook's rules).
	Rules []notebook.Rule
	// Err is a malformed marker.
	Err error
	// Line is the 1-based line of the block's first line in the README.
	Line int
}

// parseSession reads a session block's body; marker is the HTML comment
// before it ("session | rules").
func parseSession(body, marker string, line int) *Session {
	s := &Session{Body: body, Line: line}
	for _, spec := range strings.Split(marker, "|")[1:] {
		name, arg, _ := strings.Cut(strings.TrimSpace(spec), "=")
		switch {
		case (name == "durations" || name == "timeline") && arg == "",
			name == "timeline" && arg == "marks",
			(name == "vary" || name == "streams") && arg != "":
			s.Rules = append(s.Rules, notebook.Rule{Name: name, Arg: arg})
		default:
			s.Err = fmt.Errorf("line %d: unknown rule %q for a session (known: durations, timeline, timeline=marks, vary=word, streams=a,b)", line-2, strings.TrimSpace(spec))
		}
	}
	for _, l := range strings.Split(body, "\n") {
		input, isPrompt := CutPrompt(l)
		switch {
		case isPrompt:
			s.Inputs = append(s.Inputs, input)
		case strings.HasPrefix(l, continuation) && len(s.Inputs) > 0:
			s.Inputs[len(s.Inputs)-1] += "\n" + strings.TrimPrefix(l, continuation)
		}
	}
	return s
}

// Sessions returns every playground session of a README, in order.
func Sessions(markdown string) []*Session {
	var out []*Session
	for _, c := range Split(markdown) {
		out = append(out, c.Sessions()...)
	}
	return out
}

// CutPrompt returns the input on a line that starts with a prompt: "go> ",
// or "go[2]> " while cells have goroutines running.
func CutPrompt(line string) (string, bool) {
	if rest, ok := strings.CutPrefix(line, prompt); ok {
		return rest, true
	}
	badge, rest, ok := strings.Cut(line, "]> ")
	if !ok {
		return "", false
	}
	n, ok := strings.CutPrefix(badge, "go[")
	if _, err := strconv.Atoi(n); !ok || err != nil {
		return "", false
	}
	return rest, true
}

// Echo is an input as a session shows it: after the prompt ("go> ", or
// the prompt with its badge), its continuation lines after "... ".
func Echo(prompt, input string) string {
	return prompt + strings.ReplaceAll(input, "\n", "\n"+continuation) + "\n"
}

// Matches reports whether a fresh transcript of the session's inputs
// agrees with the recorded one under its rules, and if not, how they
// differ.
func (s *Session) Matches(fresh string) (bool, string) {
	return notebook.Equivalent(strings.TrimSuffix(s.Body, "\n"), strings.TrimSuffix(fresh, "\n"), s.Rules)
}

// Rerecord returns the README with each session's block replaced by the
// transcript of the same index in fresh.
func Rerecord(markdown string, fresh []string) (string, error) {
	sessions := Sessions(markdown)
	if len(sessions) != len(fresh) {
		return "", fmt.Errorf("rerecord sessions: %d transcripts for %d sessions", len(fresh), len(sessions))
	}
	lines := strings.Split(markdown, "\n")
	for i := len(sessions) - 1; i >= 0; i-- {
		s := sessions[i]
		start := s.Line - 1
		n := 0
		if s.Body != "" {
			n = len(strings.Split(s.Body, "\n"))
		}
		body := strings.Split(strings.TrimSuffix(fresh[i], "\n"), "\n")
		lines = append(lines[:start], append(body, lines[start+n:]...)...)
	}
	return strings.Join(lines, "\n"), nil
}
