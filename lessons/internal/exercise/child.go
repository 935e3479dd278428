package exercise

import (
	"regexp"
	"runtime"
)

// todoText finds TODO's panic in the text of an error: a child process
// sends a panic back to its parent as text (lesson 01's
// *processes.PanicError), so that is all a check sees of a TODO called
// in a child.
var todoText = regexp.MustCompile(`exercise not attempted yet: replace exercise\.TODO\(\) at (\S+) with your answer`)

// NotAttemptedInChild stops the check, as not attempted, if err says that
// the learner's code, running in a child process, called TODO there. Call
// it first with the error that waiting for such a child gave; any other
// error (or nil) is left for the check to judge.
func (c *C) NotAttemptedInChild(err error) {
	if err == nil {
		return
	}
	if m := todoText.FindStringSubmatch(err.Error()); m != nil {
		c.markNotAttempted(m[1])
		runtime.Goexit()
	}
}
