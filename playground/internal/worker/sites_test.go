package worker

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/stacks"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

func TestCurrentGoroutineAgreesWithTheStackHeader(t *testing.T) {
	assert.Equal(t, goroutineID(), currentGoroutine())
	var wg sync.WaitGroup
	ids := make([][2]int64, 8)
	for i := range ids {
		wg.Go(func() { ids[i] = [2]int64{currentGoroutine(), goroutineID()} })
	}
	wg.Wait()
	for _, id := range ids {
		assert.Equal(t, id[1], id[0])
	}
}

func TestSitesAreKeptPerGoroutine(t *testing.T) {
	s := new(sites)
	s.at(7)
	me := goroutineID()
	assert.Equal(t, 7, s.of(me))
	s.at(9)
	assert.Equal(t, 9, s.of(me), "the last site counts")

	other := make(chan int64)
	go func() {
		s.at(3)
		other <- goroutineID()
	}()
	id := <-other
	assert.Equal(t, 3, s.of(id))
	assert.Equal(t, 9, s.of(me))
	assert.Equal(t, 0, s.of(me+siteSlots), "a goroutine that shares the slot has no site")
}

func TestLearnerGoroutinesAreThoseThatRunInterpretedCode(t *testing.T) {
	w := &worker{sites: new(sites)}
	w.sites.slots[21&(siteSlots-1)].Store(21<<siteBits | 4)
	dump := []byte(`goroutine 21 [select labels:{"cell": "cell2"}]:
reflect.rselect({0x1, 0x2, 0x3})
	/usr/local/go/src/runtime/select.go:616 +0x3cd
github.com/traefik/yaegi/interp.recv.func2(0x1)
	/x/run.go:3565 +0x245
created by github.com/traefik/yaegi/interp.call.func9 in goroutine 6
	/x/run.go:1322 +0xf0f

goroutine 30 [sync.WaitGroup.Wait labels:{"cell": "cell3"}]:
sync.(*WaitGroup).Wait(0x1)
	/usr/local/go/src/sync/waitgroup.go:206 +0x85
github.com/traefik/yaegi/interp.callBin.func2({0x1})
	/x/run.go:1465 +0x25
created by github.com/traefik/yaegi/interp.(*Interpreter).EvalWithContext in goroutine 24
	/x/interp.go:578 +0x186

goroutine 24 [select labels:{"cell": "cell3"}]:
github.com/traefik/yaegi/interp.(*Interpreter).EvalWithContext(0x1)
	/x/interp.go:590 +0x1d7
created by github.com/gophertutor/concurrency/playground/internal/worker.(*worker).eval in goroutine 1
	/x/loop.go:124 +0x2c5

goroutine 40 [chan receive labels:{"cell": "cell2"}]:
os/signal.signal_recv()
	/usr/local/go/src/runtime/sigqueue.go:152 +0x29
created by os/signal.Notify.func1.1 in goroutine 21
	/usr/local/go/src/os/signal/signal.go:151 +0x1f

goroutine 41 [sleep]:
github.com/traefik/yaegi/interp.callBin.func2({0x1})
	/x/run.go:1465 +0x25
created by time.goFunc
	/x/sleep.go:215 +0x2d
`)
	got := w.learnerGoroutines(stacks.Parse(dump))
	assert.Equal(t, []wire.Goroutine{
		{ID: 30, State: "sync.WaitGroup.Wait", Cell: "cell3", Own: true},
		{ID: 21, State: "select", Cell: "cell2", Site: 4},
	}, got, "the cell's own first; not the worker's, compiled code's, or unlabelled ones")
}

// The benchmarks' loops: a producer and a consumer, as the learner writes
// them and as the front end marks them (each loop has one site, marked
// before it); and two goroutines that take turns, whose loop has two
// sites marked at each iteration.
const (
	pipeline = `ch, done := make(chan int), make(chan bool)
go func() {
	for v := range ch {
		_ = v
	}
	done <- true
}()
for i := 0; i < %d; i++ {
	ch <- i
}
close(ch)
<-done`
	pipelineMarked = `ch, done := make(chan int), make(chan bool)
go func() {
	__pg.At(1); for v := range ch {
		_ = v
	}
	__pg.At(2); done <- true
}()
__pg.At(3); for i := 0; i < %d; i++ {
	ch <- i
}
close(ch)
__pg.At(4); <-done`
	pingPong = `ping, pong := make(chan int), make(chan int)
go func() {
	for v := range ping {
		pong <- v
	}
}()
for i := 0; i < %d; i++ {
	ping <- i
	<-pong
}
close(ping)`
	pingPongMarked = `ping, pong := make(chan int), make(chan int)
go func() {
	__pg.At(1); for v := range ping {
		__pg.At(2); pong <- v
	; __pg.At(1); }
}()
for i := 0; i < %d; i++ {
	__pg.At(3); ping <- i
	__pg.At(4); <-pong
}
close(ping)`
)

// BenchmarkChannelLoop measures what the site marks cost interpreted loops
// that do nothing but channel operations: an op is a send and its receive.
func BenchmarkChannelLoop(b *testing.B) {
	for _, c := range []struct{ name, src string }{
		{"pipeline", pipeline}, {"pipeline-marked", pipelineMarked},
		{"pingpong", pingPong}, {"pingpong-marked", pingPongMarked},
	} {
		b.Run(c.name, func(b *testing.B) {
			var out bytes.Buffer
			i, err := newInterpreter(&out, &out, []string{"test"}, &shower{out: &out}, &timers{}, new(sites), new(returns))
			require.NoError(b, err)
			_, err = i.Eval(fmt.Sprintf("func run() {\n%s\n}", fmt.Sprintf(c.src, b.N)))
			require.NoError(b, err)
			b.ResetTimer()
			_, err = i.EvalWithContext(context.Background(), "run()") // as the worker runs cells: Ctrl-C can stop them
			require.NoError(b, err)
		})
	}
}
