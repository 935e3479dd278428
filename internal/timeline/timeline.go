// Package timeline records what ran when and draws it as a swim-lane chart
// in the terminal, so an example can show that two loops ran one after the
// other, or side by side:
//
//	timeline (1 column = 20ms)
//	        0s        0.2s      0.4s      0.6s      0.8s
//	        |---------+---------+---------+---------|
//	square  [4-------][9-------][64------][81------]
//	cube    [8-------][27------][512-----][729-----]
//
// Each lane is one goroutine or process; each [label---] is one span of
// work. A Timeline is safe for concurrent use, and a nil *Timeline records
// nothing, so library code can take one as an optional argument.
package timeline

import (
	"sort"
	"sync"
	"time"
)

// Span is one piece of work: what ran (Label) where (Lane) and when, as
// offsets from the timeline's origin.
type Span struct {
	Lane  string
	Label string
	Start time.Duration
	End   time.Duration
	// Marks, if any, shade stretches of the span inside its brackets,
	// over its label: what a goroutine was doing when, for example.
	Marks []Mark
}

// Mark is a stretch of a span drawn with one character, as offsets from
// the timeline's origin. Char should not be ']', which ends a span.
type Mark struct {
	Char  byte
	Start time.Duration
	End   time.Duration
}

// Timeline collects spans. The zero value is not usable; call New.
type Timeline struct {
	origin time.Time

	mu    sync.Mutex
	lanes []string
	spans []Span
}

// New starts a timeline whose origin is now. lanes fixes the order of the
// lanes in the chart; lanes not named here follow, in the order they first
// appear.
func New(lanes ...string) *Timeline {
	return &Timeline{origin: time.Now(), lanes: append([]string(nil), lanes...)}
}

// Origin is the moment the timeline started; spans are offsets from it.
func (t *Timeline) Origin() time.Time { return t.origin }

// Begin starts a span in lane and returns the function that ends it:
//
//	defer tl.Begin("square", "4")()
func (t *Timeline) Begin(lane, label string) (end func()) {
	if t == nil {
		return func() {}
	}
	start := time.Now()
	return func() { t.Add(lane, label, start, time.Now()) }
}

// Add records a span measured elsewhere, for example by a child process
// that reports its wall-clock times back to the parent.
func (t *Timeline) Add(lane, label string, start, end time.Time) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.addLane(lane)
	t.spans = append(t.spans, Span{Lane: lane, Label: label, Start: start.Sub(t.origin), End: end.Sub(t.origin)})
}

func (t *Timeline) addLane(lane string) {
	for _, l := range t.lanes {
		if l == lane {
			return
		}
	}
	t.lanes = append(t.lanes, lane)
}

// Spans returns the recorded spans in lane order, each lane by start time.
func (t *Timeline) Spans() []Span {
	t.mu.Lock()
	defer t.mu.Unlock()
	order := make(map[string]int, len(t.lanes))
	for i, l := range t.lanes {
		order[l] = i
	}
	spans := append([]Span(nil), t.spans...)
	sort.SliceStable(spans, func(i, j int) bool {
		a, b := spans[i], spans[j]
		if order[a.Lane] != order[b.Lane] {
			return order[a.Lane] < order[b.Lane]
		}
		return a.Start < b.Start
	})
	return spans
}

// Lanes returns the lane names in chart order, including declared lanes
// that have no spans yet.
func (t *Timeline) Lanes() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.lanes...)
}
