package notebook

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gophertutor/concurrency/internal/anchors"
	"github.com/gophertutor/concurrency/internal/fence"
)

var linkRE = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// VerifyLinks checks the links of the Markdown file at path: an in-page
// link (#anchor) must name one of its headings, and a relative link must
// lead to a file or folder (and to a heading there, if it has an anchor).
// Web links are not followed.
func VerifyLinks(t testing.TB, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	own := anchors.In(string(data))
	for _, m := range linkRE.FindAllStringSubmatch(prose(string(data)), -1) {
		link := m[1]
		if strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") {
			continue
		}
		file, anchor, _ := strings.Cut(link, "#")
		headings := own
		if file != "" {
			target := filepath.Join(filepath.Dir(path), file)
			info, err := os.Stat(target)
			if err != nil {
				t.Errorf("%s: the link %s leads nowhere", path, link)
				continue
			}
			if anchor == "" || info.IsDir() {
				continue
			}
			other, err := os.ReadFile(target)
			if err != nil {
				t.Errorf("%s: read the target of %s: %v", path, link, err)
				continue
			}
			headings = anchors.In(string(other))
		}
		if anchor != "" && !headings[anchor] {
			t.Errorf("%s: the link %s names no heading", path, link)
		}
	}
}

var inlineCodeRE = regexp.MustCompile("`[^`\n]*`")

// prose is markdown without its fenced blocks and inline code, where
// brackets and parentheses are code, not links.
func prose(markdown string) string {
	var out []string
	for _, line := range fence.Outside(strings.Split(markdown, "\n")) {
		out = append(out, inlineCodeRE.ReplaceAllString(line, ""))
	}
	return strings.Join(out, "\n")
}
