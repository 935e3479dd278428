package syncwriter

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func TestNewWrapsOnlyWhatNeedsIt(t *testing.T) {
	assert.Same(t, os.Stdout, New(os.Stdout))
	assert.Nil(t, New(nil))
	w := New(&bytes.Buffer{})
	assert.Same(t, w, New(w), "wrapped once")
}

// Run with -race: goroutines writing to one buffer through New do not race.
func TestGoroutinesWriteWholeLines(t *testing.T) {
	var buf bytes.Buffer
	w := New(&buf)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 100 {
				fmt.Fprintf(w, "goroutine %d line %d\n", g, i)
			}
		})
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	assert.Len(t, lines, 400)
	for _, l := range lines {
		assert.Regexp(t, `^goroutine \d line \d+$`, l)
	}
}

// Run with -race: goroutines write to a Buffer while another reads it.
func TestBufferTakesWritesAndReadsAtOnce(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() { fmt.Fprintf(&b, "goroutine %d\n", g) })
	}
	wg.Go(func() { _ = b.String() })
	wg.Wait()
	assert.Len(t, strings.Split(strings.TrimSpace(b.String()), "\n"), 4)
}
