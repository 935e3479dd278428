package notebook

import (
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/gophertutor/concurrency/internal/timeline"
)

// Rule is one way a command's output may legitimately differ between runs
// or machines. Both the recorded block and a fresh run are reduced by the
// cell's rules to a canonical form, and the canonical forms must be equal.
// The rules, as written in an output directive:
//
//	durations        every duration (1.603s, 45µs) may differ
//	streams=a,b      lines mentioning a, or b, come from different goroutines or
//	                 processes: each keeps its own order, but they interleave freely
//	                 between lines that mention none of them
//	timeline         a chart's columns may shift; its lanes, their spans and labels,
//	                 and which spans clearly overlap must stay the same
//	timeline=marks   the same, but spans are drawn with sampled state marks
//	                 (the playground's :timeline), which may differ
//	vary=word        numbers on lines containing word may differ
//	race             a race report's addresses, goroutine numbers and access
//	                 order may differ; the racing source lines must not
//	bench            benchmark figures and the machine description may differ
//	                 (the check runs each benchmark once: -benchtime=1x)
//	os=linux         the output is this system's (it measures what only Linux
//	                 has): elsewhere the command is not run again, and the
//	                 recorded output stays
//	timing           nothing may differ, but what the output shows depends on
//	                 which of two timers fires first (a race the program
//	                 stages, with a wide margin): it gets a second run
//
// Rules only ever hide numbers, order and machine details: the words of the
// output are compared exactly.
type Rule struct {
	Name string
	Arg  string
}

func parseRules(specs []string) ([]Rule, error) {
	rules := make([]Rule, 0, len(specs))
	for _, s := range specs {
		name, arg, _ := strings.Cut(s, "=")
		r := Rule{Name: name, Arg: arg}
		switch name {
		case "timeline":
			if arg != "" && arg != "marks" {
				return nil, fmt.Errorf("rule timeline takes no argument but marks: timeline or timeline=marks")
			}
		case "durations", "race", "bench", "timing":
			if arg != "" {
				return nil, fmt.Errorf("rule %q takes no argument", name)
			}
		case "streams", "vary", "os":
			if arg == "" {
				return nil, fmt.Errorf("rule %q needs an argument: %s=…", name, name)
			}
		default:
			return nil, fmt.Errorf("unknown rule %q (known: durations, streams=…, timeline, vary=…, race, bench, os=…, timing)", name)
		}
		rules = append(rules, r)
	}
	return rules, nil
}

// order in which rules apply: structure first, then masking; durations
// before vary, so that "1.088s" and "676ms" on a varying line agree.
var ruleOrder = []string{"race", "timeline", "streams", "bench", "durations", "vary"}

// Canonical reduces output to what must be equal between runs under rules
// (charts become markers: Equivalent compares them by shape).
func Canonical(out string, rules []Rule) string {
	sorted := slices.Clone(rules)
	sort.SliceStable(sorted, func(i, j int) bool {
		return slices.Index(ruleOrder, sorted[i].Name) < slices.Index(ruleOrder, sorted[j].Name)
	})
	for _, r := range sorted {
		switch r.Name {
		case "race":
			out = canonRace(out)
		case "timeline":
			out = canonTimeline(out)
		case "streams":
			out = canonStreams(out, strings.Split(r.Arg, ","))
		case "bench":
			out = canonBench(out)
		case "vary":
			out = canonVary(out, r.Arg)
		case "durations":
			out = durationRE.ReplaceAllString(out, "${1}⟨d⟩")
		}
	}
	if slices.ContainsFunc(rules, func(r Rule) bool { return r.Name == "durations" || r.Name == "vary" || r.Name == "bench" }) {
		// A masked number may have been padded to a column width that
		// depends on its value: alignment is not compared.
		out = spacesRE.ReplaceAllString(out, " ")
	}
	return out
}

var spacesRE = regexp.MustCompile(`[ \t]{2,}`)

// describe says in words what the rules let vary, for the caption.
func describe(rules []Rule) string {
	var parts []string
	for _, r := range rules {
		switch r.Name {
		case "durations":
			parts = append(parts, "durations")
		case "streams":
			parts = append(parts, "how the lines of "+strings.Join(strings.Split(r.Arg, ","), " and ")+" interleave")
		case "timeline":
			parts = append(parts, "the timeline's exact columns")
		case "vary":
			parts = append(parts, fmt.Sprintf("numbers on lines with %q", r.Arg))
		case "race":
			parts = append(parts, "the race report's addresses and goroutine numbers")
		case "bench":
			parts = append(parts, "benchmark figures and the CPU")
		case "os":
			parts = append(parts, "everything, off "+r.Arg+" (it is not run again there)")
		}
	}
	return strings.Join(parts, "; ")
}

// otherSystem reports the system a cell's output is bound to (rule os=…)
// when this is not it: the cell is then not run here.
func otherSystem(rules []Rule) (string, bool) {
	for _, r := range rules {
		if r.Name == "os" && r.Arg != runtime.GOOS {
			return r.Arg, true
		}
	}
	return "", false
}

// extraArgs are flags the check adds after "go <verb>" to keep reruns short.
func extraArgs(rules []Rule) []string {
	for _, r := range rules {
		if r.Name == "bench" {
			return []string{"-benchtime=1x"}
		}
	}
	return nil
}

var durationRE = regexp.MustCompile(`(^|[^\w.])(\d+(\.\d+)?(h|ms|µs|us|ns|m|s))+\b`)

var numberRE = regexp.MustCompile(`\d+(\.\d+)?`)

func canonVary(out, word string) string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if strings.Contains(l, word) {
			lines[i] = numberRE.ReplaceAllString(l, "#")
		}
	}
	return strings.Join(lines, "\n")
}

// canonStreams keeps the lines that mention no stream where they are, and
// between two of them groups the lines of each stream, in stream order,
// keeping each stream's own order.
func canonStreams(out string, streams []string) string {
	res := make([]*regexp.Regexp, len(streams))
	for i, s := range streams {
		res[i] = regexp.MustCompile(`\b` + regexp.QuoteMeta(strings.TrimSpace(s)) + `\b`)
	}
	var result []string
	groups := make([][]string, len(streams))
	flush := func() {
		for i := range groups {
			result = append(result, groups[i]...)
			groups[i] = nil
		}
	}
	for _, l := range strings.Split(out, "\n") {
		k := -1
		if !strings.HasPrefix(l, "⟨") {
			k = slices.IndexFunc(res, func(re *regexp.Regexp) bool { return re.MatchString(l) })
		}
		if k < 0 {
			flush()
			result = append(result, l)
			continue
		}
		groups[k] = append(groups[k], l)
	}
	flush()
	return strings.Join(result, "\n")
}

// canonTimeline replaces each chart by a marker line; the charts
// themselves are compared by sameCharts.
func canonTimeline(out string) string {
	lines := strings.Split(out, "\n")
	charts := timeline.Parse(out)
	for i := len(charts) - 1; i >= 0; i-- {
		lines = slices.Replace(lines, charts[i].Start, charts[i].End, fmt.Sprintf("⟨timeline %d⟩", i+1))
	}
	return strings.Join(lines, "\n")
}

// Overlap thresholds for comparing charts: two spans in different lanes
// overlap clearly at four fifths of the shorter one, and clearly do not
// below two fifths. In between, a few milliseconds of jitter may tip them
// either way (natural examples overlap by half, or two thirds), so either
// reading is accepted.
const (
	clearlyTogether = 0.8
	clearlyApart    = 0.4
)

// sameCharts compares the charts of two outputs by shape: the same lanes,
// the same number of spans in each, labels that agree (a label cut short
// to fit a narrower span agrees with the whole one), and no pair of spans
// clearly overlapping in one chart and clearly apart in the other. It
// returns what differs.
func sameCharts(a, b string, marks bool) []string {
	ca, cb := timeline.Parse(a), timeline.Parse(b)
	if len(ca) != len(cb) {
		return []string{fmt.Sprintf("%d timeline charts, then %d", len(ca), len(cb))}
	}
	var diffs []string
	for k := range ca {
		diffs = append(diffs, sameChart(k+1, ca[k], cb[k], marks)...)
	}
	return diffs
}

func sameChart(k int, a, b timeline.Chart, marks bool) []string {
	if !slices.Equal(a.Lanes, b.Lanes) {
		return []string{fmt.Sprintf("timeline %d: lanes %q, then %q", k, a.Lanes, b.Lanes)}
	}
	if len(a.Cells) != len(b.Cells) {
		return []string{fmt.Sprintf("timeline %d: %d spans, then %d", k, len(a.Cells), len(b.Cells))}
	}
	var diffs []string
	for i := range a.Cells {
		x, y := a.Cells[i], b.Cells[i]
		sameLabel := marks || strings.HasPrefix(x.Label, y.Label) || strings.HasPrefix(y.Label, x.Label)
		if x.Lane != y.Lane || !sameLabel {
			diffs = append(diffs, fmt.Sprintf("timeline %d: span %d is %s %q, then %s %q", k, i+1, x.Lane, x.Label, y.Lane, y.Label))
		}
	}
	for i := range a.Cells {
		for j := i + 1; j < len(a.Cells); j++ {
			if a.Cells[i].Lane == a.Cells[j].Lane {
				continue
			}
			oa, ob := overlap(a.Cells[i], a.Cells[j]), overlap(b.Cells[i], b.Cells[j])
			if (oa >= clearlyTogether && ob < clearlyApart) || (ob >= clearlyTogether && oa < clearlyApart) {
				diffs = append(diffs, fmt.Sprintf("timeline %d: %s %q and %s %q overlap by %.0f%%, then by %.0f%%",
					k, a.Cells[i].Lane, a.Cells[i].Label, a.Cells[j].Lane, a.Cells[j].Label, 100*oa, 100*ob))
			}
		}
	}
	return diffs
}

// overlap is the share of the shorter span that the two spans share.
func overlap(x, y timeline.Cell) float64 {
	shared := min(x.To, y.To) - max(x.From, y.From)
	if shared <= 0 {
		return 0
	}
	return float64(shared) / float64(min(x.To-x.From, y.To-y.From))
}

// Equivalent reports whether two outputs agree under rules, and if not,
// how they differ: the canonical forms line by line, then the charts.
func Equivalent(a, b string, rules []Rule) (bool, string) {
	ca, cb := Canonical(a, rules), Canonical(b, rules)
	var report []string
	if ca != cb {
		report = append(report, lineDiff(ca, cb))
	}
	if i := slices.IndexFunc(rules, func(r Rule) bool { return r.Name == "timeline" }); i >= 0 {
		report = append(report, sameCharts(a, b, rules[i].Arg == "marks")...)
	}
	return len(report) == 0, strings.Join(report, "\n")
}

var (
	raceHeader  = "WARNING: DATA RACE"
	raceFoundRE = regexp.MustCompile(`Found \d+ data race\(s\)`)
	sourceRE    = regexp.MustCompile(`(lessons|solutions|playground)/\S+\.go:\d+`)
)

var accessRE = regexp.MustCompile(`^(Previous )?(read|write|Read|Write) at `)

// canonRace replaces the race detector's reports by one line listing the
// source lines of the racing accesses, in the place of the first report.
// Where the goroutines were created is left out: it depends on what the
// compiler inlined, which changes between Go versions.
func canonRace(out string) string {
	lines := strings.Split(out, "\n")
	var result []string
	locs := map[string]bool{}
	first := -1
	for i := 0; i < len(lines); i++ {
		if lines[i] != "==================" || i+1 >= len(lines) || lines[i+1] != raceHeader {
			result = append(result, raceFoundRE.ReplaceAllString(lines[i], "Found ⟨n⟩ data race(s)"))
			continue
		}
		if first < 0 {
			first = len(result)
			result = append(result, "")
		}
		access := false
		j := i + 2
		for ; j < len(lines) && lines[j] != "=================="; j++ {
			switch {
			case accessRE.MatchString(lines[j]):
				access = true
			case strings.TrimSpace(lines[j]) == "":
				access = false
			case access:
				for _, m := range sourceRE.FindAllString(lines[j], -1) {
					locs[m] = true
				}
			}
		}
		i = j
	}
	if first >= 0 {
		keys := make([]string, 0, len(locs))
		for k := range locs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		result[first] = "⟨race⟩ WARNING: DATA RACE at " + strings.Join(keys, ", ")
	}
	return strings.Join(result, "\n")
}

var (
	benchLineRE = regexp.MustCompile(`^(Benchmark\S*?)(-\d+)?(\s.*)$`)
	machineRE   = regexp.MustCompile(`^(goos|goarch|cpu): .*$`)
)

// canonBench hides what a benchmark run measures and where: figures,
// iteration counts, GOMAXPROCS suffixes and the machine description.
func canonBench(out string) string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if m := benchLineRE.FindStringSubmatch(l); m != nil {
			lines[i] = m[1] + " " + strings.Join(strings.Fields(numberRE.ReplaceAllString(m[3], "#")), " ")
		} else if m := machineRE.FindStringSubmatch(l); m != nil {
			lines[i] = m[1] + ": ⟨machine⟩"
		}
	}
	return strings.Join(lines, "\n")
}
