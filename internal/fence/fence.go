// Package fence finds the fenced code blocks of a Markdown document, the
// one scanner the README verifier (internal/notebook), its link checker,
// the heading anchors (internal/anchors) and the playground's book share.
// It knows backtick fences only, which is all the course's READMEs use: a
// line of three or more backticks and an info string (the language) opens
// a block; a line of at least as many backticks and nothing else closes it.
// It is a leaf package, so the exercise harness can use it through
// internal/anchors without linking the verifier.
package fence

import (
	"iter"
	"strings"
)

// Open reports whether line opens a fenced block, and returns its fence
// (the backticks) and its info string, trimmed ("go" for "```go"). As in
// CommonMark, an info string with a backtick in it makes the line prose.
func Open(line string) (marks, info string, ok bool) {
	trimmed := strings.TrimSpace(line)
	rest := strings.TrimLeft(trimmed, "`")
	marks = trimmed[:len(trimmed)-len(rest)]
	if len(marks) < 3 || strings.Contains(rest, "`") {
		return "", "", false
	}
	return marks, strings.TrimSpace(rest), true
}

// Closes reports whether line closes a block that marks opened: nothing
// but backticks, at least as many as marks.
func Closes(line, marks string) bool {
	trimmed := strings.TrimSpace(line)
	return len(trimmed) >= len(marks) && strings.TrimLeft(trimmed, "`") == ""
}

// End returns the index of the line that closes the block opening at
// lines[open], or len(lines) if nothing closes it (the block runs to the
// end of the document). lines[open] must open a block.
func End(lines []string, open int) int {
	marks, _, _ := Open(lines[open])
	for j := open + 1; j < len(lines); j++ {
		if Closes(lines[j], marks) {
			return j
		}
	}
	return len(lines)
}

// Outside yields the lines of a document that are outside its fenced
// blocks (fence lines included in the blocks), with their 0-based index.
func Outside(lines []string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i := 0; i < len(lines); i++ {
			if _, _, ok := Open(lines[i]); ok {
				i = End(lines, i)
				continue
			}
			if !yield(i, lines[i]) {
				return
			}
		}
	}
}

// For returns a fence for body: longer than any run of backticks that
// starts one of its lines, so that no line of body closes it.
func For(body string) string {
	longest := 0
	for _, line := range strings.Split(body, "\n") {
		trimmed := strings.TrimSpace(line)
		if n := len(trimmed) - len(strings.TrimLeft(trimmed, "`")); n > longest {
			longest = n
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}
