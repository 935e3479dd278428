package frontend

import (
	"strings"
)

// SiteKind says what a site may block on.
type SiteKind int

// The kinds of sites.
const (
	// SiteChan: a channel send or receive, a select, a range over a
	// channel.
	SiteChan SiteKind = iota + 1
	// SiteSync: a Lock, RLock or Wait of package sync.
	SiteSync
	// SiteSleep: time.Sleep.
	SiteSleep
)

// Site is a statement of the learner's code at which a goroutine may
// block. The front end precedes each with a call that records, for the
// goroutine that runs it, the site's number (wire.SiteFunc); the worker
// reports the number of the site each goroutine reached last.
type Site struct {
	Src       *Source
	Line, Col int
	// EndCol is where the code to show ends on Line (past the opening
	// brace of a compound statement), or 0 for the end of the line.
	EndCol int
	Kind   SiteKind
	// Op is the state in which Go's runtime shows a goroutine blocked
	// here, if the statement says: "chan send", "chan receive", "select".
	// (The interpreter waits on every channel operation with a select,
	// so that Ctrl-C can stop it.)
	Op string
}

// Site returns site number k of the session.
func (s *Session) Site(k int) (Site, bool) {
	if k < 1 || k > len(s.sites) {
		return Site{}, false
	}
	return s.sites[k-1], true
}

// Where says where the site is, as Error.Where does.
func (s Site) Where(current string) string {
	return Error{Src: s.Src, Line: s.Line, Col: s.Col}.Where(current)
}

// maxSiteText bounds the code Text shows.
const maxSiteText = 60

// Text returns the code at the site: the statement on its line, or the
// head of a compound statement, shortened to some 60 characters.
func (s Site) Text() string {
	line := s.Src.Line(s.Line)
	if s.EndCol > 0 {
		line = line[:min(s.EndCol-1, len(line))]
	}
	line = strings.TrimSpace(line[min(max(s.Col-1, 0), len(line)):])
	if r := []rune(line); len(r) > maxSiteText {
		line = string(r[:maxSiteText-1]) + "…"
	}
	return line
}

// State returns the state in which a goroutine blocked at the site is
// shown: the runtime's, unless the statement says better.
func (s Site) State(runtime string) string {
	if runtime == "select" && s.Op != "" {
		return s.Op
	}
	return runtime
}

// Fits reports whether a goroutine in a runtime state ("chan receive",
// "sync.Mutex.Lock", "sleep"...) can be blocked at the site: if not, the
// site it reached last is not where it waits now.
func (s Site) Fits(state string) bool {
	switch s.Kind {
	case SiteChan:
		return strings.HasPrefix(state, "chan ") || strings.HasPrefix(state, "select")
	case SiteSync:
		return strings.HasPrefix(state, "sync.") || state == "semacquire"
	case SiteSleep:
		return state == "sleep"
	}
	return false
}
