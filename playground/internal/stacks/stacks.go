// Package stacks reads the text of runtime.Stack(buf, true): every
// goroutine, its state, its pprof labels (printed when the program runs
// with GODEBUG=tracebacklabels=1), its frames and who created it.
//
// The playground's worker labels the goroutine that runs a cell with the
// cell's name; goroutines inherit their creator's labels, so every
// goroutine a cell started, directly or not, carries the cell's name.
package stacks

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
)

// CellLabel is the pprof label that names the cell a goroutine belongs to.
const CellLabel = "cell"

// EnableLabels makes the runtime print pprof labels in stack dumps from
// now on (Go 1.26's GODEBUG=tracebacklabels=1), keeping other settings.
func EnableLabels() error {
	v := os.Getenv("GODEBUG")
	if strings.Contains(v, "tracebacklabels=1") {
		return nil
	}
	if v != "" {
		v += ","
	}
	return os.Setenv("GODEBUG", v+"tracebacklabels=1")
}

// Goroutine is one goroutine of a dump.
type Goroutine struct {
	ID int64
	// State is the wait reason or status: "running", "chan receive",
	// "select", "sleep", "sync.WaitGroup.Wait"…
	State string
	// Waiting is how long it has been blocked, as the runtime prints it
	// ("2 minutes"), when it has been for a minute or more.
	Waiting string
	// Labels are its pprof labels.
	Labels map[string]string
	// Frames are its calls, innermost first.
	Frames []Frame
	// CreatedBy is the function whose go statement started it ("" for
	// the main goroutine), and Creator that goroutine's ID (0 if unknown).
	CreatedBy string
	Creator   int64
}

// Frame is one call in a goroutine's stack.
type Frame struct {
	// Func is the function with its package path: "main.main.func1".
	Func string
	File string
	Line int
}

// Cell returns the name of the cell the goroutine belongs to, or "".
func (g Goroutine) Cell() string { return g.Labels[CellLabel] }

// Dump returns the text of runtime.Stack for every goroutine, growing its
// buffer as needed up to limit bytes; ok is false if the dump was cut. Each
// try stops every goroutine and writes all their stacks, so the buffer
// starts a quarter larger than the last dump needed: with thousands of
// goroutines, doubling from a small one took a dozen tries every time.
func Dump(limit int) (dump []byte, ok bool) {
	buf := make([]byte, min(limit, max(int(lastSize.Load())*5/4, 64<<10)))
	for {
		n := stack(buf, true)
		if n < len(buf) {
			lastSize.Store(int64(n))
			return buf[:n], true
		}
		if len(buf) >= limit {
			lastSize.Store(int64(n))
			return buf[:n], false
		}
		buf = make([]byte, min(2*len(buf), limit))
	}
}

// lastSize is the size of the last dump.
var lastSize atomic.Int64

// stack is runtime.Stack; tests count its calls.
var stack = runtime.Stack

// Parse reads a dump. Text it does not understand is skipped.
func Parse(dump []byte) []Goroutine {
	var gs []Goroutine
	for _, block := range bytes.Split(dump, []byte("\n\n")) {
		if g, ok := parseOne(string(block)); ok {
			gs = append(gs, g)
		}
	}
	return gs
}

// parseOne reads one goroutine:
//
//	goroutine 19 [chan receive, 2 minutes labels:{"cell": "cell3"}]:
//	main.main.func1()
//		/tmp/x/main.go:16 +0x19
//	created by main.main in goroutine 1
//		/tmp/x/main.go:16 +0xbf
func parseOne(block string) (Goroutine, bool) {
	block = strings.TrimLeft(block, "\n")
	header, rest, _ := strings.Cut(block, "\n")
	head, ok := strings.CutPrefix(header, "goroutine ")
	if !ok {
		return Goroutine{}, false
	}
	idText, status, ok := strings.Cut(head, " [")
	if !ok {
		return Goroutine{}, false
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return Goroutine{}, false
	}
	status, ok = strings.CutSuffix(status, "]:")
	if !ok {
		return Goroutine{}, false
	}
	g := Goroutine{ID: id}
	if i := strings.Index(status, " labels:{"); i >= 0 {
		g.Labels = parseLabels(status[i+len(" labels:{") : len(status)-1])
		status = status[:i]
	}
	g.State, g.Waiting, _ = strings.Cut(status, ", ")
	g.Frames, g.CreatedBy, g.Creator = parseFrames(rest)
	return g, true
}

// parseLabels reads `"k": "v", "k2": "v2"`; the values are Go-quoted.
func parseLabels(s string) map[string]string {
	labels := map[string]string{}
	for s != "" {
		k, rest, err := unquotePrefix(s)
		if err != nil {
			break
		}
		rest, ok := strings.CutPrefix(rest, ": ")
		if !ok {
			break
		}
		v, rest, err := unquotePrefix(rest)
		if err != nil {
			break
		}
		labels[k] = v
		s = strings.TrimPrefix(rest, ", ")
	}
	return labels
}

// unquotePrefix unquotes the Go string literal s starts with.
func unquotePrefix(s string) (string, string, error) {
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", s, err
	}
	v, err := strconv.Unquote(q)
	return v, s[len(q):], err
}

// parseFrames reads the frames that follow a goroutine's header.
func parseFrames(text string) (frames []Frame, createdBy string, creator int64) {
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "" || line[0] == '\t' {
			continue
		}
		var file string
		var lineNo int
		if i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\t") {
			file, lineNo = parseLocation(lines[i+1])
			i++
		}
		if fn, ok := strings.CutPrefix(line, "created by "); ok {
			fn, parent, _ := strings.Cut(fn, " in goroutine ")
			createdBy = fn
			creator, _ = strconv.ParseInt(parent, 10, 64)
			continue
		}
		fn := line
		if j := strings.LastIndexByte(fn, '('); j > 0 && strings.HasSuffix(fn, ")") {
			fn = fn[:j]
		}
		frames = append(frames, Frame{Func: fn, File: file, Line: lineNo})
	}
	return frames, createdBy, creator
}

// parseLocation reads "\t/path/file.go:16 +0x19".
func parseLocation(line string) (string, int) {
	loc := strings.TrimPrefix(line, "\t")
	if i := strings.LastIndex(loc, " +0x"); i >= 0 {
		loc = loc[:i]
	}
	i := strings.LastIndexByte(loc, ':')
	if i < 0 {
		return loc, 0
	}
	n, err := strconv.Atoi(loc[i+1:])
	if err != nil {
		return loc, 0
	}
	return loc[:i], n
}
