package export

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/frontend"
)

var (
	// compileError is a compiler's message: "cell3:2:5: undefined: x".
	compileError = regexp.MustCompile(`^(?:\./)?([^\s:]+):(\d+):(\d+): (.*)$`)
	// frame is a line of a stack trace or a race report: "\tcell3:2 +0x1d".
	frame = regexp.MustCompile(`^(\s+)([^\s:]+):(\d+)(?: \+0x[0-9a-f]+)?$`)
	// packageHeader is the go command's line before a package's errors.
	packageHeader = regexp.MustCompile(`^# \S+$`)
)

// MapLine rewrites a line of what the go toolchain or the program wrote on
// its standard error so that it points at the session's input: a compiler
// error at cellN:line:col becomes the REPL's "cell N, line L:C: ..." with
// the line of input and a caret; a stack frame at cellN:line names the
// cell and shows the line. The go command's package header is dropped
// (keep is false). Other lines are returned as they are. The result has no
// final newline.
func (p *Program) MapLine(line string) (out string, keep bool) {
	if packageHeader.MatchString(line) {
		return "", false
	}
	if m := compileError.FindStringSubmatch(line); m != nil {
		if src, ok := p.sources[m[1]]; ok {
			l, _ := strconv.Atoi(m[2])
			c, _ := strconv.Atoi(m[3])
			e := frontend.Error{Src: src, Line: l, Col: c, Msg: m[4]}
			return strings.TrimSuffix(e.Format(""), "\n"), true
		}
	}
	if m := frame.FindStringSubmatch(line); m != nil {
		if src, ok := p.sources[m[2]]; ok {
			l, _ := strconv.Atoi(m[3])
			where := frontend.Error{Src: src, Line: l, Col: 1}.Where("")
			return m[1] + strings.TrimSuffix(where, ":1") + ": " + strings.TrimSpace(src.Line(l)), true
		}
	}
	return line, true
}
