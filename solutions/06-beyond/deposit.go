package solutions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
)

// ApplyDeposit adds d to its account once, however many times it is
// delivered: the IDs applied live in the account's value, next to the
// balance, and one revision-checked Update changes both, so a crash
// cannot fall between them and a concurrent writer cannot be overwritten.
func ApplyDeposit(ctx context.Context, kv jetstream.KeyValue, d check.Deposit) error {
	for {
		entry, err := kv.Get(ctx, d.Account)
		if err != nil {
			return fmt.Errorf("deposit %s: read the account %s: %w", d.ID, d.Account, err)
		}
		var a check.Account
		if err := json.Unmarshal(entry.Value(), &a); err != nil {
			return fmt.Errorf("deposit %s: decode the account %s: %w", d.ID, d.Account, err)
		}
		if slices.Contains(a.Applied, d.ID) {
			return nil // applied already: this is a redelivery
		}
		a.Balance += d.Amount
		a.Applied = append(a.Applied, d.ID)
		value, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("deposit %s: encode the account %s: %w", d.ID, d.Account, err)
		}
		_, err = kv.Update(ctx, d.Account, value, entry.Revision())
		if errors.Is(err, jetstream.ErrKeyExists) {
			continue // someone wrote since our Get: read again
		}
		if err != nil {
			return fmt.Errorf("deposit %s: write the account %s: %w", d.ID, d.Account, err)
		}
		return nil
	}
}
