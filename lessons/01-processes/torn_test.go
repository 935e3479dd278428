package processes

import (
	"bytes"
	"context"
	"os"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A child killed in the middle of a message to its parent: the tests below
// make the cut exactly there. The child writes the first half of a real
// message (what its conn would have sent) to its pipe and kills itself.

// tear encodes what write sends on this child's stream to its parent, sends
// the first half of it, and kills this process.
func tear(write func(c *conn) error) {
	c := parent.conn
	c.mu.Lock() // nothing else goes out on the stream from now on
	var b bytes.Buffer
	if err := c.buf.Flush(); err != nil {
		os.Exit(5)
	}
	c.buf.Reset(&b)
	if err := write(c); err != nil || c.buf.Flush() != nil {
		os.Exit(6)
	}
	if _, err := c.out.File.Write(b.Bytes()[:b.Len()/2]); err != nil {
		os.Exit(7)
	}
	_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {}
}

var (
	// tornPut puts one whole item on q, then dies half-way through
	// putting a second.
	tornPut = Register("test.tornput", func(ctx context.Context, q *Queue[[]byte]) (int, error) {
		if err := q.Put(ctx, bytes.Repeat([]byte{1}, 1000)); err != nil {
			return 0, err
		}
		data, err := encodeItem(bytes.Repeat([]byte{2}, 100_000))
		if err != nil {
			return 0, err
		}
		tear(func(c *conn) error {
			return c.enc.Encode(&message{Kind: kindQueue, ID: 1 << 40, Op: opPut, Queue: q.id, Owner: q.owner, Payload: data})
		})
		return 0, nil
	})

	// putThree puts three items on q.
	putThree = Register("test.putthree", func(ctx context.Context, q *Queue[[]byte]) (int, error) {
		for i := range 3 {
			if err := q.Put(ctx, []byte{byte(i)}); err != nil {
				return i, err
			}
		}
		return 3, nil
	})

	// tornResult dies half-way through sending its result.
	tornResult = Register("test.tornresult", func(_ context.Context, id uint64) (string, error) {
		tear(func(c *conn) error {
			if err := c.enc.Encode(&message{Kind: kindResult, ID: id, Value: true}); err != nil {
				return err
			}
			return encodeValue(c.enc, []item[string]{{Value: string(bytes.Repeat([]byte("x"), 100_000))}})
		})
		return "", nil
	})

	// tornBetween sends its result message whole, and dies before the
	// value that follows it.
	tornBetween = Register("test.tornbetween", func(_ context.Context, id uint64) (string, error) {
		c := parent.conn
		c.mu.Lock()
		if c.enc.Encode(&message{Kind: kindResult, ID: id, Value: true}) != nil || c.buf.Flush() != nil {
			os.Exit(6)
		}
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	})
)

func TestAChildKilledInTheMiddleOfAPutLeavesNoTornItem(t *testing.T) {
	q := NewQueue[[]byte](0)
	defer q.Close()
	p := startProcess(t, tornPut, q)
	_, err := p.Wait(t.Context())
	var exit *ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, syscall.SIGKILL, exit.Signal)
	assert.True(t, exit.CutShort(), "its stream ended in the middle of a message: %v", err)

	require.Equal(t, 1, q.Len(), "only the whole item is on the queue")
	got, err := q.TryGet()
	require.NoError(t, err)
	assert.Equal(t, bytes.Repeat([]byte{1}, 1000), got)
	t.Logf("killed half-way through putting its second item: Wait says %q; CutShort: %v; the queue held 1 item, the first, whole",
		err0(p), exit.CutShort())

	// The queue goes on, for this process and for another child.
	n, err := startProcess(t, putThree, q).Wait(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Equal(t, 3, q.Len())
}

func TestAChildKilledInTheMiddleOfItsResultGivesAnExitErrorNotPartOfAResult(t *testing.T) {
	for _, c := range []struct {
		name string
		fn   *Func[uint64, string]
	}{{"in the result", tornResult}, {"between the message and its value", tornBetween}} {
		fn := c.fn
		t.Run(c.name, func(t *testing.T) {
			p := startProcess(t, fn, 1) // a Process's task is ID 1
			v, err := p.Wait(t.Context())
			assert.Empty(t, v)
			var exit *ExitError
			require.ErrorAs(t, err, &exit)
			assert.Equal(t, syscall.SIGKILL, exit.Signal)
			assert.True(t, exit.CutShort(), "%v", err)
			assert.Equal(t, -9, p.exitCodeOrFail(t))
			t.Logf("Wait gives %q and %v; CutShort: %v", v, err, exit.CutShort())
		})
	}
}

func TestAWorkerKilledInTheMiddleOfItsResultFailsOnlyItsTask(t *testing.T) {
	pool, err := NewPool(1)
	require.NoError(t, err)
	defer func() {
		pool.Close()
		require.NoError(t, pool.Join(t.Context()))
	}()
	// The pool's first task is message 1.
	_, err = Map(t.Context(), pool, tornResult, []uint64{1})
	var died *WorkerDiedError
	require.ErrorAs(t, err, &died)
	assert.True(t, died.Exit.CutShort(), "%v", err)
	got, err := Map(t.Context(), pool, square, []int{4})
	require.NoError(t, err, "a new worker takes the next task")
	assert.Equal(t, []int{16}, got)
}

// A child that dies between messages was not cut short.
func TestAChildKilledBetweenMessagesWasNotCutShort(t *testing.T) {
	started := NewQueue[string](0)
	defer started.Close()
	p := startProcess(t, startThenIgnoreCancel, started)
	_, err := started.Get(t.Context()) // its one message has arrived whole
	require.NoError(t, err)
	require.NoError(t, p.Kill())
	_, err = p.Wait(t.Context())
	var exit *ExitError
	require.ErrorAs(t, err, &exit)
	assert.False(t, exit.CutShort())
}

// err0 is what Wait says of a process that has exited.
func err0[R any](p *Process[R]) string {
	_, err := p.Wait(context.Background())
	return err.Error()
}

func (p *Process[R]) exitCodeOrFail(t *testing.T) int {
	t.Helper()
	code, ok := p.ExitCode()
	require.True(t, ok, "the process has exited")
	return code
}
