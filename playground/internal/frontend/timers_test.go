package frontend

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTimerMethodsGoThroughTheWorker: Stop and Reset of the time package's
// timers reach the worker's helpers, called or taken as values, so that
// its deadlock detector knows a stopped timer can wake nobody.
func TestTimerMethodsGoThroughTheWorker(t *testing.T) {
	_, p, err := compileCells(t, `import "time"`,
		`t := time.AfterFunc(time.Hour, func() {}); tk := time.NewTicker(time.Second)`,
		`t.Stop(); defer t.Reset(time.Minute); stop := tk.Stop; stop(); tk.Reset(2 * time.Second)
type holder struct{ t *time.Timer }
h := holder{t}; h.t.Stop()`)
	require.NoError(t, err)
	c := code(p)
	assert.Contains(t, c, "__pg.Show(0)(__pg.TimerStop(t)())", "a call shows its value, as t.Stop() does")
	assert.Contains(t, c, "defer __pg.TimerReset(t)(time.Minute)")
	assert.Contains(t, c, "stop := __pg.TickerStop(tk);")
	assert.Contains(t, c, "__pg.TickerReset(tk)(2 * time.Second)")
	assert.Contains(t, c, "__pg.TimerStop(h.t)()")
}

// TestOtherStopMethodsAreLeftAlone: a Stop of another type, and one
// promoted from an embedded timer, are not the timers' methods the
// helpers stand for.
func TestOtherStopMethodsAreLeftAlone(t *testing.T) {
	_, p, err := compileCells(t, `import ("context"; "time")`,
		`type engine struct{}; func (engine) Stop() bool { return true }`,
		`type alarm struct{ *time.Timer }`,
		`e := engine{}; e.Stop(); a := alarm{time.NewTimer(time.Hour)}; a.Stop()
stop := context.AfterFunc(context.Background(), func() {}); stop()`)
	require.NoError(t, err)
	c := code(p)
	assert.NotContains(t, c, "__pg.Timer")
	assert.Contains(t, c, "e.Stop()")
	assert.Contains(t, c, "a.Stop()")
}
