package repl

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/playground/internal/lineedit"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// TestCellsPastTheOldLineNumberLimitRun: a session of more cells than the
// 1,073 after which every cell failed ("invalid line number"), across a
// restart, with errors still pointing at the cell's own line.
// frontend.TestTenThousandCellsKeepTheirPositions takes the front end to
// 10,000 cells.
func TestCellsPastTheOldLineNumberLimitRun(t *testing.T) {
	const n = 1_200
	var cells []string
	var want strings.Builder
	for i := 1; i <= n; i++ {
		cells = append(cells, fmt.Sprintf("%d", i))
		fmt.Fprintf(&want, "%d // int\n", i)
	}
	cells = append(cells, "x := 1", ":restart", "x + 1", "y := x +\nundefinedName")
	// More than a minute, the bound of session, on a busy machine under -race.
	var buf buffer
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	status := Run(ctx, lineedit.Plain(strings.NewReader(strings.Join(cells, "\n")+"\n"), &buf), Options{})
	testenv.CheckRaces(t)
	out := buf.String()
	assert.True(t, strings.HasPrefix(out, want.String()), "every cell ran:\n%s", tail(out))
	assert.Contains(t, out, "replayed your 1 declaration")
	assert.Contains(t, out, "2 // int\n")
	assert.Contains(t, out, "line 2:1: undefined: undefinedName")
	assert.NotContains(t, out, "invalid line number")
	assert.Equal(t, 1, status, "the last cell failed")
}

// tail is the end of a long output, for a failure's message.
func tail(s string) string {
	if len(s) > 2000 {
		return "..." + s[len(s)-2000:]
	}
	return s
}
