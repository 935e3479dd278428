package concurrency

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStartHereCountsTheLinesOfTheTestCommand keeps the README's account
// of what `go test ./lessons/...` prints true: how many packages it lists,
// how many of them have tests (an `ok` line), and how many are examples or
// other packages without tests (a `?` line). A lesson that gains or loses
// an example changes the counts, and this test says which to write.
func TestStartHereCountsTheLinesOfTheTestCommand(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{len .TestGoFiles}} {{len .XTestGoFiles}}", "./lessons/...").Output()
	require.NoError(t, err, "go list ./lessons/...")
	var all, tested, examples, others int
	for line := range strings.Lines(string(out)) {
		var path string
		var internal, external int
		_, err := fmt.Sscan(line, &path, &internal, &external)
		require.NoError(t, err, "a line of go list: %q", line)
		all++
		switch {
		case internal+external > 0:
			tested++
		case strings.Contains(path, "/examples/"):
			examples++
		default:
			others++
		}
	}
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	text := strings.Join(strings.Fields(string(readme)), " ") // the sentences, whatever their line breaks
	for _, want := range []string{
		fmt.Sprintf("It prints one line per package, %d in all.", all),
		fmt.Sprintf("%d are `ok` with a time", tested),
		fmt.Sprintf("%d are `?` and `[no test files]`: %d example programs", examples+others, examples),
		fmt.Sprintf("and %d internal package", others),
	} {
		assert.True(t, strings.Contains(text, want), "README.md, Start here, says what `go test ./lessons/...` prints: go list counts %q", want)
	}
}
