package sidebyside

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// A claim is a lesson README's speed claim in a form a test can check: an
// HTML comment (invisible on GitHub) beside the sentence that makes it,
// naming a row of the table and a rule its recorded figures must keep:
//
//	<!-- claim: thread-start-join ratio > 10 -->     Go at least 10 times better
//	<!-- claim: cpu-threads python < 1.3 -->         Python's speedup below 1.3×
//	<!-- claim: process-spawn go < 10ms -->          Go's figure below 10 ms
//
// The subject is ratio, python or go; the bound a number, a factor (1.3×)
// or a time (10ms).
type Claim struct {
	ID, Subject, Op string
	Bound           float64
	// Line is where the claim is, 1-based.
	Line int
}

var claimRE = regexp.MustCompile(`<!-- claim: ([a-z0-9-]+) (ratio|python|go) ([<>]) ([0-9.]+(?:×|[a-zµ]+)?) -->`)

// Claims finds the claims in a README's text. A comment that starts
// "<!-- claim:" and does not parse is an error.
func Claims(text string) ([]Claim, error) {
	var out []Claim
	for i, line := range strings.Split(text, "\n") {
		for _, m := range claimRE.FindAllStringSubmatch(line, -1) {
			bound, err := parseBound(m[4])
			if err != nil {
				return nil, fmt.Errorf("sidebyside: line %d: %w", i+1, err)
			}
			out = append(out, Claim{ID: m[1], Subject: m[2], Op: m[3], Bound: bound, Line: i + 1})
		}
		if n := strings.Count(line, "<!-- claim:"); n != len(claimRE.FindAllString(line, -1)) {
			return nil, fmt.Errorf("sidebyside: line %d: a claim that does not read as <!-- claim: ID ratio|python|go <|> bound -->: %s", i+1, line)
		}
	}
	return out, nil
}

func parseBound(s string) (float64, error) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, nil
	}
	v, _, err := parseValue(s)
	return v, err
}

// Check says whether the recorded rows keep the claim, and if not, why.
func (c Claim) Check(rows []Recorded) error {
	for _, r := range rows {
		if r.ID != c.ID {
			continue
		}
		if !r.HasPython && c.Subject != "go" {
			return fmt.Errorf("sidebyside: claim on line %d: the table has no Python figure for %s", c.Line, c.ID)
		}
		v := map[string]float64{"ratio": r.Ratio, "python": r.Python, "go": r.Go}[c.Subject]
		if (c.Op == ">" && v > c.Bound) || (c.Op == "<" && v < c.Bound) {
			return nil
		}
		return fmt.Errorf("sidebyside: claim on line %d: %s's %s should be %s %g, and the table says %g", c.Line, c.ID, c.Subject, c.Op, c.Bound, v)
	}
	return fmt.Errorf("sidebyside: claim on line %d: the table has no figure %s", c.Line, c.ID)
}
