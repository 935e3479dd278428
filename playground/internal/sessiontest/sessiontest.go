// Package sessiontest checks the playground sessions of a README (see
// package book): it types each session's inputs into a new REPL session
// and compares the transcript with the block. With PLAYGROUND_RERECORD
// set, it writes the fresh transcripts into the README instead.
//
// The REPL's workers are the test binary started again: call it from a
// package whose TestMain runs worker.RunIfRequested and the child guards.
package sessiontest

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/notebook"
	"github.com/gophertutor/concurrency/internal/progress"
	"github.com/gophertutor/concurrency/internal/shipped"
	"github.com/gophertutor/concurrency/playground/internal/book"
	"github.com/gophertutor/concurrency/playground/internal/course"
	"github.com/gophertutor/concurrency/playground/internal/repl"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// RerecordEnv, set, makes Verify record the sessions afresh.
const RerecordEnv = "PLAYGROUND_RERECORD"

// sessionTimeout bounds one session.
const sessionTimeout = 2 * time.Minute

// Verify replays every playground session of the README at path, each in
// a new REPL session, as a subtest named after its line.
func Verify(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	sessions := book.Sessions(string(data))
	if len(sessions) == 0 {
		t.Skipf("%s has no playground sessions", path)
	}
	fresh := make([]string, len(sessions))
	for i, s := range sessions {
		t.Run("line"+strconv.Itoa(s.Line-2), func(t *testing.T) {
			require.NoError(t, s.Err)
			require.NotEmpty(t, s.Inputs, "%s:%d: a session types something", path, s.Line-2)
			if checksExercises(s.Inputs) {
				fresh[i] = s.Body // what a re-recording keeps if this skips
				skipIfStarted(t)
			}
			fresh[i] = Transcript(t, s.Inputs)
			if os.Getenv(RerecordEnv) != "" {
				return
			}
			same, diff := s.Matches(fresh[i])
			if !same && notebook.TimingDependent(s.Rules) {
				// A chart of what ran when depends on the scheduler, which
				// a busy machine can hold back: a second session gets to
				// match, as an output cell of a notebook does.
				fresh[i] = Transcript(t, s.Inputs)
				same, diff = s.Matches(fresh[i])
			}
			assert.True(t, same, "%s:%d: the session prints something else now; if that is intended, "+
				"record it again with %s=1 go test ./playground -run Sessions\n(- README, + fresh)\n%s\nFresh:\n%s",
				path, s.Line-2, RerecordEnv, diff, fresh[i])
		})
	}
	if os.Getenv(RerecordEnv) == "" || t.Failed() {
		return
	}
	out, err := book.Rerecord(string(data), fresh)
	require.NoError(t, err)
	if out != string(data) {
		require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
		t.Logf("recorded the sessions of %s afresh", path)
	}
}

// checksExercises reports whether a session runs :check, whose table
// shows the state of the learner's exercises.
func checksExercises(inputs []string) bool {
	for _, in := range inputs {
		if f := strings.Fields(in); len(f) > 0 && f[0] == ":check" {
			return true
		}
	}
	return false
}

// skipIfStarted skips a session that shows the exercises as shipped when
// the learner has started on some (see package shipped).
func skipIfStarted(t *testing.T) {
	t.Helper()
	root, err := course.WorkingRoot()
	require.NoError(t, err)
	started, err := progress.Started(root)
	require.NoError(t, err)
	shipped.SkipIfStarted(t, started)
}

// Transcript types inputs into a new REPL session and returns what it
// shows, as a session block does.
func Transcript(t testing.TB, inputs []string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), sessionTimeout)
	defer cancel()
	out := repl.Transcript(ctx, inputs, repl.Options{})
	testenv.CheckRaces(t)
	return out
}
