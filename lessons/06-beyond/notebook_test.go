package beyond_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/notebook"
)

// TestREADME checks the lesson's notebook against the code and what
// running it prints (go generate ./lessons/06-beyond regenerates it),
// and that hand edits, dead links and examples left out of it are caught.
func TestREADME(t *testing.T) { notebook.VerifyLesson(t) }

// The README's command for a real server runs the version the lesson
// embeds, the one in go.mod.
func TestTheREADMEsServerIsTheOneEmbedded(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "github.com/nats-io/nats-server/v2").Output()
	require.NoError(t, err, "go list -m github.com/nats-io/nats-server/v2")
	version := strings.TrimSpace(string(out))
	require.NotEmpty(t, version, "the NATS server module's version in go.mod")
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	want := "go run github.com/nats-io/nats-server/v2@" + version + " -js"
	assert.True(t, strings.Contains(string(readme), want),
		"the README's command for a real server is not %q: it names another version than go.mod's", want)
}
