package check_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// readAccount reads the account and its revision.
func readAccount(ctx context.Context, kv jetstream.KeyValue, name string) (check.Account, uint64, error) {
	e, err := kv.Get(ctx, name)
	if err != nil {
		return check.Account{}, 0, err
	}
	var a check.Account
	return a, e.Revision(), json.Unmarshal(e.Value(), &a)
}

// writeAccount writes the account: with a revision check if rev > 0, as a
// Put otherwise.
func writeAccount(ctx context.Context, kv jetstream.KeyValue, name string, a check.Account, rev uint64) error {
	v, err := json.Marshal(a)
	if err != nil {
		return err
	}
	if rev == 0 {
		_, err = kv.Put(ctx, name, v)
		return err
	}
	_, err = kv.Update(ctx, name, v, rev)
	return err
}

// updateBalance adds amount to the balance with a revision-checked Update,
// retrying conflicts; it leaves Applied alone.
func updateBalance(ctx context.Context, kv jetstream.KeyValue, name string, amount int) error {
	for {
		a, rev, err := readAccount(ctx, kv, name)
		if err != nil {
			return err
		}
		a.Balance += amount
		err = writeAccount(ctx, kv, name, a, rev)
		if !errors.Is(err, jetstream.ErrKeyExists) {
			return err
		}
	}
}

func TestApplyDepositAcceptsTheSolution(t *testing.T) {
	right := func(ctx context.Context, kv jetstream.KeyValue, d check.Deposit) error {
		for {
			a, rev, err := readAccount(ctx, kv, d.Account)
			if err != nil || slices.Contains(a.Applied, d.ID) {
				return err
			}
			a.Balance += d.Amount
			a.Applied = append(a.Applied, d.ID)
			err = writeAccount(ctx, kv, d.Account, a, rev)
			if !errors.Is(err, jetstream.ErrKeyExists) {
				return err
			}
		}
	}
	exercise.Accepted(t, check.ApplyDeposit.Run(right))
}

func TestApplyDepositRejectsNoIdempotency(t *testing.T) {
	twice := func(ctx context.Context, kv jetstream.KeyValue, d check.Deposit) error {
		return updateBalance(ctx, kv, d.Account, d.Amount)
	}
	exercise.Rejected(t, check.ApplyDeposit.Run(twice), "the deposit has no idempotency")
}

func TestApplyDepositRejectsAPutWithoutTheRevision(t *testing.T) {
	lost := func(ctx context.Context, kv jetstream.KeyValue, d check.Deposit) error {
		a, _, err := readAccount(ctx, kv, d.Account)
		if err != nil || slices.Contains(a.Applied, d.ID) {
			return err
		}
		a.Balance += d.Amount
		a.Applied = append(a.Applied, d.ID)
		return writeAccount(ctx, kv, d.Account, a, 0) // a Put: whatever was written since the Get is gone
	}
	exercise.Rejected(t, check.ApplyDeposit.Run(lost), "a lost update")
}

func TestApplyDepositRejectsNoRetry(t *testing.T) {
	once := func(ctx context.Context, kv jetstream.KeyValue, d check.Deposit) error {
		a, rev, err := readAccount(ctx, kv, d.Account)
		if err != nil || slices.Contains(a.Applied, d.ID) {
			return err
		}
		a.Balance += d.Amount
		a.Applied = append(a.Applied, d.ID)
		if err := writeAccount(ctx, kv, d.Account, a, rev); err != nil {
			return fmt.Errorf("deposit %s: %w", d.ID, err) // a conflict ends it
		}
		return nil
	}
	exercise.Rejected(t, check.ApplyDeposit.Run(once), "the retry loop is missing")
}

func TestApplyDepositRejectsTheIDWrittenBeforeTheBalance(t *testing.T) {
	keyFirst := func(ctx context.Context, kv jetstream.KeyValue, d check.Deposit) error {
		_, err := kv.Create(ctx, "applied."+d.ID, nil)
		if errors.Is(err, jetstream.ErrKeyExists) {
			return nil // applied already, it thinks
		}
		if err != nil {
			return err
		}
		return updateBalance(ctx, kv, d.Account, d.Amount)
	}
	exercise.Rejected(t, check.ApplyDeposit.Run(keyFirst), "the ID was recorded in a write of its own, before the balance")
}

func TestApplyDepositRejectsTheIDWrittenAfterTheBalance(t *testing.T) {
	keyAfter := func(ctx context.Context, kv jetstream.KeyValue, d check.Deposit) error {
		if _, err := kv.Get(ctx, "applied."+d.ID); err == nil {
			return nil
		} else if !errors.Is(err, jetstream.ErrKeyNotFound) {
			return err
		}
		if err := updateBalance(ctx, kv, d.Account, d.Amount); err != nil {
			return err
		}
		_, err := kv.Put(ctx, "applied."+d.ID, nil)
		return err
	}
	exercise.Rejected(t, check.ApplyDeposit.Run(keyAfter), "the ID was recorded in a write of its own, after the balance")
}

func TestApplyDepositRejectsCheckingTheIDOnlyOnce(t *testing.T) {
	checksOnce := func(ctx context.Context, kv jetstream.KeyValue, d check.Deposit) error {
		a, _, err := readAccount(ctx, kv, d.Account)
		if err != nil || slices.Contains(a.Applied, d.ID) {
			return err
		}
		for { // the retry loop forgets to look again
			a, rev, err := readAccount(ctx, kv, d.Account)
			if err != nil {
				return err
			}
			a.Balance += d.Amount
			a.Applied = append(a.Applied, d.ID)
			err = writeAccount(ctx, kv, d.Account, a, rev)
			if !errors.Is(err, jetstream.ErrKeyExists) {
				return err
			}
		}
	}
	exercise.Rejected(t, check.ApplyDeposit.Run(checksOnce), "the ID is checked only before the retry loop")
}
