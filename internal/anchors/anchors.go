// Package anchors computes the link anchors of a Markdown document's
// headings. It is a leaf package: the exercise harness uses it to prove
// that an exercise's README link leads somewhere without linking the
// notebook verifier into the learner's test binaries.
package anchors

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/gophertutor/concurrency/internal/fence"
)

// In returns the link anchors GitHub gives the headings of a Markdown
// document ("## Exercise 1: side by side" → "exercise-1-side-by-side"),
// so tests can prove that links into a README lead somewhere.
func In(markdown string) map[string]bool {
	anchors := map[string]bool{}
	seen := map[string]int{}
	for _, line := range fence.Outside(strings.Split(markdown, "\n")) {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		text := strings.TrimSpace(strings.TrimLeft(line, "#"))
		slug := slugify(text)
		if n := seen[slug]; n > 0 {
			anchors[slug+"-"+strconv.Itoa(n)] = true
		} else {
			anchors[slug] = true
		}
		seen[slug]++
	}
	return anchors
}

func slugify(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
