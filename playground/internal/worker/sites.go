package worker

import (
	"sync/atomic"

	"github.com/petermattis/goid"
)

// siteSlots is the number of slots of a site table: a power of two.
const siteSlots = 1 << 16

// siteBits is how many low bits of a slot hold the site's number; the
// others hold the goroutine's ID.
const siteBits = 24

// sites remembers, for each goroutine, the statement of the learner's code
// that may block (a channel operation, a select, a lock, a sleep) it
// reached last: the front end numbers such statements and precedes each
// with a call of the helper __pg.At(k). Its slots are indexed by goroutine
// ID and written with one atomic store, without a lock or an allocation:
// a statement in a tight channel loop stays cheap. Two live goroutines
// whose IDs differ by a multiple of siteSlots share a slot: the site of
// the one that wrote first is lost, and it shows without one.
type sites struct {
	slots [siteSlots]atomic.Uint64
}

// at records that the calling goroutine reached site k.
func (s *sites) at(k int) {
	id := currentGoroutine()
	s.slots[id&(siteSlots-1)].Store(uint64(id)<<siteBits | uint64(k)&(1<<siteBits-1))
}

// of returns the site goroutine id reached last, or 0.
func (s *sites) of(id int64) int {
	v := s.slots[id&(siteSlots-1)].Load()
	if int64(v>>siteBits) != id {
		return 0
	}
	return int(v & (1<<siteBits - 1))
}

// currentGoroutine returns the calling goroutine's ID: read from the
// runtime's goroutine structure by goid.Get, a few nanoseconds, if that
// agrees with the ID the goroutine's stack trace shows (goid knows the
// structure's layout for the Go versions it was written for); otherwise
// from the stack trace, some microseconds.
var currentGoroutine = pickGoroutineID()

func pickGoroutineID() func() int64 {
	agree := make(chan bool, 1)
	go func() { agree <- goid.Get() == goroutineID() }()
	if goid.Get() == goroutineID() && <-agree {
		return goid.Get
	}
	return goroutineID
}
