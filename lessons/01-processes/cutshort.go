package processes

import (
	"errors"
	"io"
)

// CutShort reports whether the child's stream to its parent ended in the
// middle of a message: the child was killed while it put an item on a
// queue, or while it sent its result. What it was sending is dropped
// whole, never handed out in part: a queue only ever holds items that
// arrived complete, and Wait returns this error, not part of a result.
// Each child has pipes of its own, so the other children, and the queue,
// are not touched (Python's queues share one pipe, which a process
// terminated in the middle of a write can leave unusable for all).
func (e *ExitError) CutShort() bool { return errors.Is(e.unreadable, io.ErrUnexpectedEOF) }
