package notebook

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/timeline"
)

func rules(t *testing.T, specs ...string) []Rule {
	t.Helper()
	r, err := parseRules(specs)
	require.NoError(t, err)
	return r
}

func TestParseRulesRejectsUnknownAndMalformed(t *testing.T) {
	for _, bad := range []string{"sorted", "streams", "durations=1", "vary="} {
		_, err := parseRules([]string{bad})
		assert.Error(t, err, bad)
	}
}

func TestDurations(t *testing.T) {
	r := rules(t, "durations")
	assert.Equal(t, "It takes ⟨d⟩ (⟨d⟩ per item, ⟨d⟩)", Canonical("It takes 1.603s (200ms per item, 1m2.5s)", r))
	assert.Equal(t, "square: 4, 8 workers, v1.2", Canonical("square: 4, 8 workers, v1.2", r), "plain numbers stay")
	assert.Equal(t, Canonical("1 goroutine:    417ms", r), Canonical("1 goroutine:  1.234s", r), "padding is not compared")
}

func TestStreamsKeepEachStreamsOrder(t *testing.T) {
	r := rules(t, "streams=square,cube")
	a := "start\nsquare: 4\ncube: 8\ncube: 27\nsquare: 9\nend"
	b := "start\ncube: 8\nsquare: 4\nsquare: 9\ncube: 27\nend"
	assert.Equal(t, Canonical(a, r), Canonical(b, r))

	swapped := "start\nsquare: 9\nsquare: 4\ncube: 8\ncube: 27\nend"
	assert.NotEqual(t, Canonical(a, r), Canonical(swapped, r), "order within a stream is kept")

	crossed := "start\nsquare: 4\ncube: 8\nend\ncube: 27\nsquare: 9"
	assert.NotEqual(t, Canonical(a, r), Canonical(crossed, r), "lines do not move past a line of no stream")
}

func chart(spans ...timeline.Span) string { return timeline.Draw(nil, spans, 64) }

func span(lane, label string, from, to int) timeline.Span {
	return timeline.Span{Lane: lane, Label: label, Start: time.Duration(from) * time.Millisecond, End: time.Duration(to) * time.Millisecond}
}

func TestTimelineComparesShapeNotColumns(t *testing.T) {
	r := rules(t, "timeline")
	together := chart(span("square", "4", 0, 200), span("square", "9", 200, 400), span("cube", "8", 0, 200), span("cube", "729", 200, 400))
	jittered := chart(span("square", "4", 0, 203), span("square", "9", 203, 409), span("cube", "8", 4, 207), span("cube", "729", 207, 411))
	oneAfterOther := chart(span("square", "4", 0, 200), span("square", "9", 200, 400), span("cube", "8", 400, 600), span("cube", "729", 600, 800))
	squeezed := timeline.Draw(nil, []timeline.Span{span("square", "4", 0, 200), span("square", "9", 200, 400),
		span("cube", "8", 0, 200), span("cube", "729", 200, 400)}, 12) // labels cut to fit

	same := func(a, b string) bool { ok, _ := Equivalent(a, b, r); return ok }
	assert.True(t, same(together, jittered))
	assert.True(t, same(together, squeezed), "a label cut short agrees with the whole one:\n%s", squeezed)
	ok, diff := Equivalent(together, oneAfterOther, r)
	assert.False(t, ok)
	assert.Contains(t, diff, `square "4" and cube "8" overlap by 100%, then by 0%`)

	relabelled := chart(span("square", "5", 0, 200), span("square", "9", 200, 400), span("cube", "8", 0, 200), span("cube", "729", 200, 400))
	assert.False(t, same(together, relabelled), "labels are compared")
	fewer := chart(span("square", "4", 0, 200), span("cube", "8", 0, 200), span("cube", "729", 200, 400))
	assert.False(t, same(together, fewer), "spans are counted")

	// Half an overlap is neither clearly together nor clearly apart: jitter
	// may tip it either way, and both are accepted.
	half := chart(span("a", "x", 0, 100), span("b", "y", 50, 150))
	halfJittered := chart(span("a", "x", 0, 100), span("b", "y", 45, 145))
	assert.True(t, same(half, halfJittered))
}

const raceReport = `before
==================
WARNING: DATA RACE
Read at 0x00c000012345 by goroutine 8:
  main.racy.func1()
      lessons/00-overview/examples/shared-memory/main.go:40 +0x3c

Previous write at 0x00c000012345 by goroutine 7:
  main.racy.func1()
      lessons/00-overview/examples/shared-memory/main.go:40 +0x4e

Goroutine 8 (running) created at:
  main.racy()
      lessons/00-overview/examples/shared-memory/main.go:38 +0x7c
==================
after
Found 1 data race(s)
exit status 66`

func TestRaceKeepsTheRacingLines(t *testing.T) {
	r := rules(t, "race")
	want := "before\n⟨race⟩ WARNING: DATA RACE at lessons/00-overview/examples/shared-memory/main.go:40\nafter\nFound ⟨n⟩ data race(s)\nexit status 66"
	assert.Equal(t, want, Canonical(raceReport, r))

	other := `before
==================
WARNING: DATA RACE
Write at 0x00c000099999 by goroutine 7:
  main.racy.func1()
      lessons/00-overview/examples/shared-memory/main.go:40 +0x4e

Previous read at 0x00c000099999 by goroutine 8:
  main.racy.func1()
      lessons/00-overview/examples/shared-memory/main.go:40 +0x3c

Goroutine 7 (running) created at:
  main.racy()
      lessons/00-overview/examples/shared-memory/main.go:38 +0x7c
==================
after
Found 2 data race(s)
exit status 66`
	assert.Equal(t, want, Canonical(other, r))
}

func TestBenchHidesFiguresAndMachine(t *testing.T) {
	r := rules(t, "bench", "durations")
	a := "goos: linux\ngoarch: amd64\npkg: x\ncpu: AMD EPYC\nBenchmarkGoroutineStartJoin-2   \t 3456789\t       312.5 ns/op\nPASS\nok  \tx\t2.345s"
	b := "goos: darwin\ngoarch: arm64\npkg: x\ncpu: Apple M2\nBenchmarkGoroutineStartJoin-8   \t 1\t       5000 ns/op\nPASS\nok  \tx\t0.2s"
	assert.Equal(t, Canonical(a, r), Canonical(b, r))
	assert.Contains(t, Canonical(a, r), "BenchmarkGoroutineStartJoin # # ns/op")
	assert.Equal(t, []string{"-benchtime=1x"}, extraArgs(r))
}

func TestVary(t *testing.T) {
	r := rules(t, "vary=pid")
	assert.Equal(t, "square ran in pid #\nsquare: 4", Canonical("square ran in pid 1234\nsquare: 4", r))

	r = rules(t, "vary=speedup", "durations")
	assert.Equal(t, Canonical("2 workers: 676ms speedup 1.9x", r), Canonical("2 workers: 1.088s speedup 1.1x", r),
		"durations are masked before vary masks the numbers left")
}

func TestTimelineMarksLetSampledLabelsDiffer(t *testing.T) {
	a := chart(span("cell3", "wwww", 0, 150), span("wg.Go #1", "zz", 0, 50))
	b := chart(span("cell3", "=www", 0, 152), span("wg.Go #1", "zzz", 0, 55))
	ok, _ := Equivalent(a, b, rules(t, "timeline=marks"))
	assert.True(t, ok, "sampled state marks may differ")
	ok, _ = Equivalent(a, b, rules(t, "timeline"))
	assert.False(t, ok, "without marks, labels are compared")
	apart := chart(span("cell3", "wwww", 0, 150), span("wg.Go #1", "zz", 400, 500))
	ok, _ = Equivalent(a, apart, rules(t, "timeline=marks"))
	assert.False(t, ok, "overlaps are still compared")
	_, err := parseRules([]string{"timeline=other"})
	assert.Error(t, err)
}

func TestOSRuleBindsACellToOneSystem(t *testing.T) {
	_, other := otherSystem(rules(t, "os="+runtime.GOOS))
	assert.False(t, other, "a cell of this system runs here")
	system, other := otherSystem(rules(t, "os=plan9-of-mars"))
	assert.True(t, other)
	assert.Equal(t, "plan9-of-mars", system)
	_, err := parseRules([]string{"os"})
	assert.Error(t, err, "os needs a system")

	c := &Cell{Kind: Output, Source: "go run ./nowhere", Rules: []string{"os=plan9-of-mars"}}
	err = CheckRerun(t.Context(), c, "README.md")
	var skip *SkipError
	require.ErrorAs(t, err, &skip, "not run off its system")
	assert.Contains(t, skip.Reason, "plan9-of-mars")
}
