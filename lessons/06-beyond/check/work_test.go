package check_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// worker is an answer to exercise 3 whose flaws the fields choose.
type worker struct {
	ackFirst, noAck, ackOnFailure, termOnFailure, noNak bool
	noHeartbeat, heartbeatOnce                          bool
	lateNak, errAtEnd                                   bool // NakWithDelay(AckWait) on failure; ctx.Err() once ctx ends
	beatsUntilReturn                                    bool // each heartbeat stopped by a defer in the loop
	cancelsRun                                          bool
	abandons                                            *sync.WaitGroup // set: the runs it leaves behind, for the test to wait for
	ignoresCtx                                          chan struct{}   // set: Work stops only when it is closed
}

func (w worker) work(ctx context.Context, cons jetstream.Consumer, run check.RunFunc) error {
	for {
		if w.ignoresCtx != nil {
			select {
			case <-w.ignoresCtx:
				return nil
			default:
			}
		} else if ctx.Err() != nil {
			if w.errAtEnd {
				return ctx.Err()
			}
			return nil
		}
		var (
			msg jetstream.Msg
			err error
		)
		if w.ignoresCtx != nil {
			msg, err = cons.Next(jetstream.FetchMaxWait(50 * time.Millisecond)) // never told about ctx
		} else {
			msg, err = cons.Next(jetstream.FetchContext(ctx))
		}
		if err != nil {
			continue
		}
		if w.ackFirst {
			_ = msg.Ack()
		}
		runCtx := context.WithoutCancel(ctx)
		if w.cancelsRun {
			runCtx = ctx
		}
		var beat sync.WaitGroup
		quit := make(chan struct{})
		if w.heartbeatOnce {
			_ = msg.InProgress()
		} else if !w.noHeartbeat {
			beat.Go(func() {
				tick := time.NewTicker(check.AckWait / 3)
				defer tick.Stop()
				for {
					select {
					case <-quit:
						return
					case <-tick.C:
						_ = msg.InProgress()
					}
				}
			})
		}
		if w.abandons != nil {
			done := make(chan error, 1)
			w.abandons.Go(func() { done <- run(runCtx, msg.Data()) }) // Work does not wait for it once ctx ends
			select {
			case err = <-done:
			case <-ctx.Done():
				close(quit)
				beat.Wait()
				return nil
			}
		} else {
			err = run(runCtx, msg.Data())
		}
		if w.beatsUntilReturn {
			defer beat.Wait()
			defer close(quit) // runs when Work returns, not when this message is done
		} else {
			close(quit)
			beat.Wait()
		}
		switch {
		case w.ackFirst || w.noAck:
		case err == nil || w.ackOnFailure:
			_ = msg.Ack()
		case w.termOnFailure:
			_ = msg.Term()
		case w.lateNak:
			_ = msg.NakWithDelay(check.AckWait)
		case !w.noNak:
			_ = msg.Nak()
		}
	}
}

func TestWorkAcceptsTheSolution(t *testing.T) {
	exercise.Accepted(t, check.Work.Run(worker{}.work))
}

func TestWorkRejectsAckBeforeRun(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{ackFirst: true}.work), "ack before run is at most once")
}

func TestWorkRejectsNoAck(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{noAck: true}.work), "no ack")
}

func TestWorkRejectsAckOnFailure(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{ackOnFailure: true}.work), "ack on failure")
}

func TestWorkRejectsTermOnFailure(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{termOnFailure: true}.work), "Term is for a message no attempt can run")
}

func TestWorkRejectsNoNakOnFailure(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{noNak: true}.work), "no Nak on failure")
}

func TestWorkRejectsNoInProgress(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{noHeartbeat: true}.work), "no InProgress for a long run")
}

func TestWorkRejectsInProgressOnlyOnce(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{heartbeatOnce: true}.work), "no InProgress for a long run")
}

func TestWorkRejectsCancellingTheRunInHand(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{cancelsRun: true}.work), "the message in hand was cancelled with Work")
}

func TestWorkRejectsAbandoningTheRunInHand(t *testing.T) {
	var left sync.WaitGroup
	r := check.Work.Run(worker{abandons: &left}.work)
	left.Wait()
	exercise.Rejected(t, r, "the message in hand was abandoned: when ctx ends, wait for the run")
}

func TestWorkRejectsNotReturningWhenCtxEnds(t *testing.T) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	deaf := worker{ignoresCtx: stop}
	r := check.Work.Run(func(ctx context.Context, cons jetstream.Consumer, run check.RunFunc) error {
		wg.Add(1)
		defer wg.Done()
		return deaf.work(ctx, cons, run)
	}, exercise.WithCallBound(4*time.Second))
	close(stop)
	wg.Wait()
	exercise.Rejected(t, r, "Work did not return once ctx ended")
}

func TestWorkRejectsReturningEarly(t *testing.T) {
	once := func(ctx context.Context, cons jetstream.Consumer, run check.RunFunc) error {
		msg, err := cons.Next(jetstream.FetchContext(ctx))
		if err != nil {
			return err
		}
		if err := run(context.WithoutCancel(ctx), msg.Data()); err != nil {
			return errors.Join(err, msg.Nak())
		}
		return msg.Ack() // and returns: one message is all it takes
	}
	exercise.Rejected(t, check.Work.Run(once, quick), "Work returned before ctx ended")
}

// TestWorkAcceptsARunInItsOwnGoroutine keeps a right answer of another
// shape: the run in a goroutine, the heartbeat in the loop that waits for
// it. When ctx ends with a run in hand, the check tells it from an answer
// that abandons the run by waiting until Work can go no further.
func TestWorkAcceptsARunInItsOwnGoroutine(t *testing.T) {
	right := func(ctx context.Context, cons jetstream.Consumer, run check.RunFunc) error {
		for ctx.Err() == nil {
			msg, err := cons.Next(jetstream.FetchContext(ctx))
			if err != nil {
				continue
			}
			done := make(chan error, 1)
			go func() { done <- run(context.WithoutCancel(ctx), msg.Data()) }()
			tick := time.NewTicker(check.AckWait / 3)
		wait:
			for {
				select {
				case err = <-done:
					break wait
				case <-tick.C:
					_ = msg.InProgress()
				}
			}
			tick.Stop()
			if err != nil {
				_ = msg.Nak()
				continue
			}
			if err := msg.Ack(); err != nil {
				return err
			}
		}
		return nil
	}
	exercise.Accepted(t, check.Work.Run(right))
}

func TestWorkRejectsALongNakWithDelay(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{lateNak: true}.work), "a long NakWithDelay on failure")
}

func TestWorkRejectsReturningCtxsError(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{errAtEnd: true}.work), "it returned ctx's error")
}

// Each message's heartbeat stopped by a defer inside the loop: it runs
// only when Work returns, so the heartbeats of the messages before go on
// after their Ack or Nak (and leak until then).
func TestWorkRejectsAHeartbeatStoppedByADeferInTheLoop(t *testing.T) {
	exercise.Rejected(t, check.Work.Run(worker{beatsUntilReturn: true}.work), "the heartbeat was not stopped when its run returned")
}
