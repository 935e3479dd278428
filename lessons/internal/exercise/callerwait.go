package exercise

// CallerWaitsOn says what the goroutine running the learner's function in
// the current (or last) Call is blocked on, as a stack dump names it:
// "chan receive", "chan send", "select", "sync.WaitGroup.Wait",
// "sync.Mutex.Lock", …; "" when it is not blocked or has returned. A
// check whose call never returned asks it (in [C.CallExplained]'s ifStuck)
// to name the wait that never ends: a receive of more results than were
// sent is another mistake than a WaitGroup counted too high.
func (c *C) CallerWaitsOn() string {
	st := c.caller.Load()
	if st == nil {
		return ""
	}
	for _, g := range census() {
		if g.id == st.id && g.blocked() {
			return g.state
		}
	}
	return ""
}
