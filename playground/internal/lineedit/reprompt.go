package lineedit

// Reprompter is an Editor whose prompt can change while it reads a line:
// the REPL's prompt shows how many goroutines are alive, and that may
// change while the learner types.
type Reprompter interface {
	// SetPrompter makes ReadLine show fresh(prompt) instead of prompt,
	// and Redraw show it again.
	SetPrompter(fresh func(prompt string) string)
	// Redraw shows the line being read again, after fresh(prompt), if a
	// line is being read.
	Redraw()
}

func (e *terminal) SetPrompter(fresh func(string) string) {
	e.promptMu.Lock()
	defer e.promptMu.Unlock()
	e.fresh = fresh
}

func (e *terminal) Redraw() {
	e.promptMu.Lock()
	defer e.promptMu.Unlock()
	if !e.shown || e.fresh == nil {
		return
	}
	e.t.SetPrompt(e.fresh(e.prompt))
	e.out.hold()
	_, _ = e.t.Write(nil) // with the prompt on screen, term.Terminal draws it and the line again
	_ = e.out.release()
}

// showPrompt sets the prompt of the ReadLine that starts; a Redraw from
// now on draws it again.
func (e *terminal) showPrompt(prompt string) {
	e.promptMu.Lock()
	defer e.promptMu.Unlock()
	e.prompt, e.shown = prompt, true
	if e.fresh != nil {
		prompt = e.fresh(prompt)
	}
	e.t.SetPrompt(prompt)
}

// hidePrompt notes that ReadLine has returned.
func (e *terminal) hidePrompt() {
	e.promptMu.Lock()
	defer e.promptMu.Unlock()
	e.shown = false
}
