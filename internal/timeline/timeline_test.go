package timeline

import (
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

// In a synctest bubble the clock is fake and exact, so the chart of two
// loops side by side is always the same.
func TestChartOfTwoConcurrentLoops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := New("square", "cube")
		var wg sync.WaitGroup
		loop := func(lane string, f func(int) int) {
			for _, n := range []int{2, 3, 8, 9} {
				end := tl.Begin(lane, fmt.Sprint(f(n)))
				time.Sleep(200 * time.Millisecond)
				end()
			}
		}
		wg.Go(func() { loop("cube", func(n int) int { return n * n * n }) })
		wg.Go(func() { loop("square", func(n int) int { return n * n }) })
		wg.Wait()

		want := "" +
			"timeline (1 column = 20ms)\n" +
			"        0s        200ms     400ms     600ms     800ms\n" +
			"        |---------+---------+---------+---------|\n" +
			"square  [4-------][9-------][64------][81------]\n" +
			"cube    [8-------][27------][512-----][729-----]\n"
		assert.Equal(t, want, tl.Chart(DefaultWidth))
	})
}

func TestChartOfSequentialLoops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tl := New()
		for _, lane := range []string{"square", "cube"} {
			for i := range 4 {
				end := tl.Begin(lane, fmt.Sprint(i))
				time.Sleep(200 * time.Millisecond)
				end()
			}
		}
		want := "" +
			"timeline (1 column = 25ms)\n" +
			"        0s              400ms           800ms           1.2s            1.6s\n" +
			"        |---------------+---------------+---------------+---------------|\n" +
			"square  [0-----][1-----][2-----][3-----]\n" +
			"cube                                    [0-----][1-----][2-----][3-----]\n"
		assert.Equal(t, want, tl.Chart(DefaultWidth))
	})
}

func TestShortSpansAndLabelsThatDoNotFit(t *testing.T) {
	spans := []Span{
		{Lane: "a", Label: "x", Start: 0, End: 1 * time.Millisecond},
		{Lane: "a", Label: "y", Start: 10 * time.Millisecond, End: 30 * time.Millisecond},
		{Lane: "b", Label: "a-long-label", Start: 0, End: 100 * time.Millisecond},
	}
	got := Draw(nil, spans, 10)
	assert.Equal(t, ""+
		"timeline (1 column = 10ms)\n"+
		"   0s  40ms\n"+
		"   |---+---+-|\n"+
		"a  |[]\n"+
		"b  [a-long-l]\n", got)
}

func TestNilTimelineRecordsNothing(t *testing.T) {
	var tl *Timeline
	tl.Begin("x", "y")()
	tl.Add("x", "y", time.Now(), time.Now())
}

func TestEmptyChart(t *testing.T) {
	assert.Equal(t, "timeline: nothing recorded\n", New("a").Chart(40))
}

func TestAddFromAnotherClock(t *testing.T) {
	tl := New()
	start := tl.Origin().Add(100 * time.Millisecond)
	tl.Add("child", "work", start, start.Add(50*time.Millisecond))
	require.Len(t, tl.Spans(), 1)
	assert.Equal(t, Span{Lane: "child", Label: "work", Start: 100 * time.Millisecond, End: 150 * time.Millisecond}, tl.Spans()[0])
}

func TestParseReadsBackWhatDrawWrote(t *testing.T) {
	spans := []Span{
		{Lane: "square", Label: "4", Start: 0, End: 200 * time.Millisecond},
		{Lane: "square", Label: "9", Start: 200 * time.Millisecond, End: 400 * time.Millisecond},
		{Lane: "cube (pid 7)", Label: "8", Start: 5 * time.Millisecond, End: 205 * time.Millisecond},
		{Lane: "cube (pid 7)", Label: "tiny", Start: 300 * time.Millisecond, End: 301 * time.Millisecond},
	}
	text := "before\n" + Draw([]string{"idle", "square"}, spans, 40) + "\nafter\n"
	charts := Parse(text)
	require.Len(t, charts, 1)
	ch := charts[0]
	assert.Equal(t, []string{"idle", "square", "cube (pid 7)"}, ch.Lanes)
	assert.Equal(t, []Cell{
		{Lane: "square", Label: "4", From: 0, To: 20},
		{Lane: "square", Label: "9", From: 20, To: 40},
		{Lane: "cube (pid 7)", Label: "8", From: 1, To: 21},
		{Lane: "cube (pid 7)", Label: "", From: 30, To: 31},
	}, ch.Cells)
	assert.Equal(t, 1, ch.Start)
	assert.Equal(t, "", lines(text)[ch.End])
}

func TestNiceCeil(t *testing.T) {
	for in, want := range map[time.Duration]time.Duration{
		12500 * time.Microsecond: 20 * time.Millisecond,
		25 * time.Millisecond:    25 * time.Millisecond,
		26 * time.Millisecond:    50 * time.Millisecond,
		3:                        5,
		0:                        1,
	} {
		assert.Equal(t, want, niceCeil(in), "niceCeil(%v)", in)
	}
}

func lines(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func TestMarksShadeASpanInsideItsBrackets(t *testing.T) {
	ms := time.Millisecond
	spans := []Span{
		{Lane: "g1", Start: 0, End: 100 * ms, Marks: []Mark{
			{Char: 'z', Start: 0, End: 60 * ms},
			{Char: '=', Start: 60 * ms, End: 100 * ms},
			{Char: '=', Start: 30 * ms, End: 30 * ms}, // an instant: one column, over the 'z'
		}},
		{Lane: "g2", Label: "x", Start: 20 * ms, End: 50 * ms, Marks: []Mark{{Char: 'c', Start: 0, End: 200 * ms}}},
		{Lane: "g3", Start: 0, End: 10 * ms, Marks: []Mark{{Char: 'c', Start: 0, End: 10 * ms}}}, // too short to shade
	}
	got := Draw(nil, spans, 10)
	assert.Equal(t, ""+
		"timeline (1 column = 10ms)\n"+
		"    0s  40ms\n"+
		"    |---+---+-|\n"+
		"g1  [zz=zz===]\n"+
		"g2    [c]\n"+
		"g3  |\n", got)
	ch := Parse(got)
	require.Len(t, ch, 1)
	assert.Equal(t, Cell{Lane: "g1", Label: "zz=zz===", From: 0, To: 10}, ch[0].Cells[0], "Parse reads the marks as the label")
}
