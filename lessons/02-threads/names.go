package threads

import (
	"bytes"
	"fmt"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
)

// NameLabel is the runtime/pprof label that carries a goroutine's name:
// set it with pprof.Do(ctx, pprof.Labels(NameLabel, name), f), read it back
// with pprof.Label(ctx, NameLabel). Go gives goroutines no names and no
// IDs, on purpose; a label is what profiles and LiveGoroutines show.
const NameLabel = "goroutine"

// Unnamed is how LiveGoroutines lists a goroutine that was given no name.
const Unnamed = "(unnamed)"

// labelRE finds the name label in a record of the goroutine profile, e.g.
// `# labels: {"goroutine":"worker-1"}`.
var labelRE = regexp.MustCompile(`"` + NameLabel + `":("(?:[^"\\]|\\.)*")`)

// recordRE finds the first line of a record of the goroutine profile
// (debug=1): how many goroutines share the stack, e.g. "2 @ 0x47dc4e ...".
var recordRE = regexp.MustCompile(`^(\d+) @`)

// LiveGoroutines lists the names of the live goroutines, sorted, one entry
// per goroutine ([Unnamed] for goroutines without a name): Python's
// threading.enumerate(). It reads them from the goroutine profile of
// runtime/pprof, the one `go tool pprof` shows.
func LiveGoroutines() ([]string, error) {
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, 1); err != nil {
		return nil, fmt.Errorf("list goroutines: %w", err)
	}
	var names []string
	count := 0 // goroutines in the current record
	name := Unnamed
	flush := func() {
		for range count {
			names = append(names, name)
		}
		count, name = 0, Unnamed
	}
	for line := range bytes.Lines(buf.Bytes()) {
		if m := recordRE.FindSubmatch(line); m != nil {
			flush()
			n, err := strconv.Atoi(string(m[1]))
			if err != nil {
				return nil, fmt.Errorf("list goroutines: read %q: %w", line, err)
			}
			count = n
			continue
		}
		if !bytes.HasPrefix(line, []byte("# labels:")) {
			continue
		}
		if m := labelRE.FindSubmatch(line); m != nil {
			unquoted, err := strconv.Unquote(string(m[1]))
			if err != nil {
				return nil, fmt.Errorf("list goroutines: read %q: %w", line, err)
			}
			name = unquoted
		}
	}
	flush()
	slices.Sort(names)
	return names, nil
}
