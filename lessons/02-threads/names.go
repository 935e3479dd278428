package threads

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"sync"
)

// nameLabel is the runtime/pprof label that carries a goroutine's name.
const nameLabel = "goroutine"

// Unnamed is how LiveGoroutines lists a goroutine that was given no name.
const Unnamed = "(unnamed)"

// GoNamed starts f in a new goroutine that wg waits for, with a name:
// Python's threading.Thread(name=name, target=f).start(). Go gives
// goroutines no names and no IDs, on purpose; the name here is a
// runtime/pprof label, which shows in goroutine profiles and in
// LiveGoroutines, and which f reads back with Name(ctx). Goroutines that f
// starts carry the same label.
func GoNamed(ctx context.Context, wg *sync.WaitGroup, name string, f func(ctx context.Context)) {
	wg.Go(func() {
		pprof.Do(ctx, pprof.Labels(nameLabel, name), f)
	})
}

// NameMain gives the calling goroutine a name, as Python calls its first
// thread MainThread, and returns ctx with the name in it. Call it first in
// main.
func NameMain(ctx context.Context, name string) context.Context {
	ctx = pprof.WithLabels(ctx, pprof.Labels(nameLabel, name))
	pprof.SetGoroutineLabels(ctx)
	return ctx
}

// Name returns the name carried by ctx, as given to GoNamed or NameMain,
// or "": Python's threading.current_thread().name. A goroutine cannot ask
// the runtime who it is; it reads its name from the context it was given.
func Name(ctx context.Context) string {
	name, _ := pprof.Label(ctx, nameLabel)
	return name
}

// labelRE finds the name label in a record of the goroutine profile, e.g.
// `# labels: {"goroutine":"worker-1"}`.
var labelRE = regexp.MustCompile(`"` + nameLabel + `":("(?:[^"\\]|\\.)*")`)

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
