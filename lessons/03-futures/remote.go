package futures

import "fmt"

// An executor whose workers are elsewhere (lesson 06's, on NATS
// JetStream) cannot hand a Task to a goroutine or to lesson 01's pool: it
// sends the task's arguments as bytes, a worker runs them with
// processes.RunEncoded, and the bytes that come back finish the future.

// EncodeArgs encodes the task's arguments for a worker in another process
// or on another machine, which runs them with processes.RunEncoded. It
// fails if an argument cannot cross (encoding/gob), or the function was not
// registered at start-up: the task cannot run anywhere but here.
func (t *Task) EncodeArgs() ([]byte, error) { return t.job.encode() }

// FinishEncoded finishes the task's future with the results a worker sent
// back (what processes.RunEncoded returned), or with err if the task could
// not run at all (the whole task fails alike). worker names the process that
// ran it in the errors of the results. Results that cannot be decoded fail
// the future, saying so.
func (t *Task) FinishEncoded(results []byte, worker string, err error) {
	t.job.finishEncoded(results, worker, err)
}

// Done is closed once the task's future is done: it finished, failed, or
// was cancelled (perhaps before the executor ever ran it).
func (t *Task) Done() <-chan struct{} { return t.ctx.c.doneChan() }

// Cancel cancels the task's future if it has not started (Python's
// Future.cancel): what Shutdown with CancelPending does to the tasks an
// executor still holds.
func (t *Task) Cancel() bool { return t.ctx.c.cancel() }

func (s *single[A, R]) encode() ([]byte, error) { return s.fn.EncodeArgs(s.arg) }

func (s *single[A, R]) finishEncoded(data []byte, worker string, err error) {
	var v R
	if err == nil {
		var values []R
		var errs []error
		values, errs, err = s.fn.DecodeResults(data, worker)
		if err == nil && len(values) != 1 {
			err = opErr("finish "+s.fn.Name(), errBadCount(len(values), 1, worker))
		}
		if err == nil {
			v, err = values[0], errs[0]
		}
	}
	s.f.c.finish(err, func() { s.f.value = v })
}

func (c *chunkJob[A, R]) encode() ([]byte, error) { return c.fn.EncodeArgs(c.args...) }

func (c *chunkJob[A, R]) finishEncoded(data []byte, worker string, err error) {
	if err != nil {
		c.fail(err)
		return
	}
	values, errs, err := c.fn.DecodeResults(data, worker)
	if err == nil && len(values) != len(c.args) {
		err = opErr("finish "+c.fn.Name(), errBadCount(len(values), len(c.args), worker))
	}
	if err != nil {
		c.fail(err)
		return
	}
	c.set(values, errs)
}

// errBadCount is a worker's answer that does not fit its task.
func errBadCount(got, want int, worker string) error {
	return fmt.Errorf("%s sent %d results for %d arguments", worker, got, want)
}

// ShutdownFlags reads Shutdown's options, for an executor outside this
// package: whether they ask to cancel the tasks that have not started
// (CancelPending), and to return at once (NoWait).
func ShutdownFlags(opts ...ShutdownOption) (cancelPending, noWait bool) {
	o := shutdownOpts(opts)
	return o.cancelPending, o.noWait
}
