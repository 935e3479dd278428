package check

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"sync"
)

// firstStart records, in the parent, how many tasks the task queue held
// when the first worker of exercise 2 was started: a Work is encoded for
// its child when its process starts. Workers started before the tasks are
// put (drain takes tasks with TryGet until the queue is empty, as the
// Python lesson's get_nowait loop) may find it empty and end at once; on a
// machine that starts processes slowly they often do not, so the check
// looks at the queue itself.
var firstStart struct {
	mu       sync.Mutex
	watching bool
	seen     bool
	tasks    int
}

// watchFirstStart starts recording; the returned function stops it and
// reports the queue's length at the first start (seen false: no start).
func watchFirstStart() (stop func() (tasks int, seen bool)) {
	firstStart.mu.Lock()
	firstStart.watching, firstStart.seen, firstStart.tasks = true, false, 0
	firstStart.mu.Unlock()
	return func() (int, bool) {
		firstStart.mu.Lock()
		defer firstStart.mu.Unlock()
		firstStart.watching = false
		return firstStart.tasks, firstStart.seen
	}
}

// workWire is Work without its methods, for gob.
type workWire Work

// GobEncode encodes w for a worker's child process; in the parent, under
// exercise 2's check, it notes how many tasks wait when the first worker
// starts.
func (w Work) GobEncode() ([]byte, error) {
	firstStart.mu.Lock()
	if firstStart.watching && !firstStart.seen && w.Tasks != nil {
		firstStart.seen, firstStart.tasks = true, w.Tasks.Len()
	}
	firstStart.mu.Unlock()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(workWire(w)); err != nil {
		return nil, fmt.Errorf("check: encode Work: %w", err)
	}
	return buf.Bytes(), nil
}

// GobDecode decodes a Work in a worker's child process.
func (w *Work) GobDecode(data []byte) error {
	var wire workWire
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&wire); err != nil {
		return fmt.Errorf("check: decode Work: %w", err)
	}
	*w = Work(wire)
	return nil
}
