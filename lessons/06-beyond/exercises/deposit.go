package exercises

import (
	"context"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// ApplyDeposit is exercise 1. Add d.Amount to the balance of the account
// d.Account, stored in kv under that key as a check.Account in JSON (the
// account exists), exactly once: the same deposit (the same d.ID)
// delivered again, or twice at once, counts once, two different deposits
// at the same time both count, and a worker that dies anywhere in
// ApplyDeposit leaves the account so that the deposit, delivered again,
// counts once. Return nil once the deposit is in the balance.
func ApplyDeposit(ctx context.Context, kv jetstream.KeyValue, d check.Deposit) error {
	exercise.TODO() // replace this line with your answer
	return nil
}
