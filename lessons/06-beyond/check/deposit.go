package check

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/gophertutor/concurrency/lessons/06-beyond/check/catalog"
	"sync"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Deposit is exercise 1's task: add Amount to the balance of Account, once,
// however many times the task is delivered. ID names the task.
type Deposit struct {
	ID      string
	Account string
	Amount  int
}

// Account is the value under an account's key in exercise 1's bucket,
// encoded as JSON: the balance, and the IDs of the deposits already in it.
type Account struct {
	Balance int      `json:"balance"`
	Applied []string `json:"applied,omitempty"`
}

// ApplyDepositFunc is the signature of exercise 1.
type ApplyDepositFunc func(ctx context.Context, kv jetstream.KeyValue, d Deposit) error

// ApplyDeposit is exercise 1: a deposit counted exactly once, on an
// at-least-once queue, by idempotency.
var ApplyDeposit = exercise.Exercise[ApplyDepositFunc]{
	Info:  catalog.ApplyDeposit,
	Check: checkApplyDeposit,
}

const account = "alice"

// balanceOf reads the account as the check sees it.
func balanceOf(kv jetstream.KeyValue) (Account, error) {
	ctx, cancel := short()
	defer cancel()
	e, err := kv.Get(ctx, account)
	if err != nil {
		return Account{}, fmt.Errorf("check: read the account %s: %w", account, err)
	}
	var a Account
	if err := json.Unmarshal(e.Value(), &a); err != nil {
		return Account{}, fmt.Errorf("check: the account %s is not an Account in JSON (%q): %w", account, e.Value(), err)
	}
	return a, nil
}

func checkApplyDeposit(c *exercise.C, impl ApplyDepositFunc) {
	env := mustStartNATS(c)
	defer env.close()
	kv := env.bucket(c, "ACCOUNTS")
	{
		ctx, cancel := short()
		_, err := kv.Put(ctx, account, []byte(`{"balance":0}`))
		cancel()
		if err != nil {
			c.Fail(exercise.Mistake{Expected: "the check to open the account", Got: err.Error(), Likely: "not your code: run the check again"})
		}
	}
	balance := func() int {
		a, err := balanceOf(kv)
		if err != nil {
			c.Fail(exercise.Mistake{Expected: "the account stored as an Account in JSON", Got: err.Error(),
				Likely: "write json.Marshal(Account{...}) under the account's key, nothing else"})
		}
		return a.Balance
	}
	deposit := func(what string, spy *kvSpy, d Deposit) error {
		var err error
		c.Call(what, "it never returns: a loop that retries a conflict must Get the account again before it Updates",
			func() { err = impl(context.Background(), spy, d) })
		return err
	}

	// One deposit.
	d1 := Deposit{ID: "dep-1", Account: account, Amount: 100}
	if err := deposit("ApplyDeposit(ctx, kv, dep-1 of 100)", newSpy(kv), d1); err != nil {
		c.Fail(exercise.Mistake{Expected: "no error", Got: err.Error(), Likely: "read the account, add the amount, and write it back"})
	}
	if b := balance(); b != 100 {
		c.Fail(exercise.Mistake{Expected: "a balance of 100 after a deposit of 100 into an account of 0", Got: fmt.Sprint(b),
			Likely: "read the account, add d.Amount to its Balance, and write it back under d.Account"})
	}

	// The same task, delivered again.
	if err := deposit("ApplyDeposit(ctx, kv, dep-1 again)", newSpy(kv), d1); err != nil {
		c.Fail(exercise.Mistake{Expected: "no error for a deposit already applied: it is done, and its task may be acknowledged",
			Got: err.Error(), Likely: "a deposit whose ID is already in Applied is a success: return nil"})
	}
	if b := balance(); b != 100 {
		c.Fail(exercise.Mistake{Expected: "a balance of 100 after dep-1 was delivered twice",
			Got: fmt.Sprintf("%d: the redelivered deposit counted twice", b),
			Likely: "the deposit has no idempotency: keep the IDs of the deposits applied in the account's value, " +
				"and skip a deposit whose ID is there (an at-least-once queue delivers a task again whenever an ack is lost)"})
	}

	// Two deposits at once, both reading before either writes.
	together := func(what string, ds [2]Deposit) [2]error {
		barrier := exercise.NewBarrier(2, c.Patience())
		var once [2]sync.Once
		var heldMu sync.Mutex
		held := 0
		spies := [2]*kvSpy{newSpy(kv), newSpy(kv)}
		for i, s := range spies {
			s.afterRead = func() {
				once[i].Do(func() {
					heldMu.Lock()
					held++
					heldMu.Unlock()
					barrier.Wait()
				})
			}
		}
		var errs [2]error
		c.Call(what, "they never return: a loop that retries a conflict must Get the account again before it Updates",
			func() {
				var wg sync.WaitGroup
				for i, d := range ds {
					wg.Go(func() { errs[i] = impl(context.Background(), spies[i], d) })
				}
				wg.Wait()
			})
		if barrier.Broken() {
			c.Fail(exercise.Mistake{Expected: "both deposits to read the account, then write it",
				Got:    fmt.Sprintf("after %v, %d of them had read it", c.Patience(), held),
				Likely: "Get the account with the bucket you are given (a lock in this process would not hold back a worker on another machine)"})
		}
		for i, err := range errs {
			if err == nil {
				continue
			}
			likely := "another deposit wrote between your Get and your Update: that is a conflict, not a failure; go round again"
			if !errors.Is(err, jetstream.ErrKeyExists) && !errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
				likely = "a deposit that meets another must still succeed: " + likely
			}
			c.Fail(exercise.Mistake{Expected: "both deposits to succeed, the second after a retry",
				Got:    fmt.Sprintf("%s returned %v", ds[i].ID, err),
				Likely: "the retry loop is missing: " + likely + " (Get, add, Update with the new revision)"})
		}
		return errs
	}
	together("ApplyDeposit(ctx, kv, dep-2 of 20) and ApplyDeposit(ctx, kv, dep-3 of 3) at once",
		[2]Deposit{{ID: "dep-2", Account: account, Amount: 20}, {ID: "dep-3", Account: account, Amount: 3}})
	if b := balance(); b != 123 {
		c.Fail(exercise.Mistake{Expected: "a balance of 123 after dep-2 (20) and dep-3 (3), which both read 100",
			Got: fmt.Sprintf("%d: one deposit overwrote the other", b),
			Likely: "a lost update: a Put (or Update without the revision you read) overwrites whatever another worker wrote " +
				"since your Get; write with kv.Update(ctx, key, value, entry.Revision()), and retry when it fails with jetstream.ErrKeyExists"})
	}

	// A worker that dies after its first write, and the task delivered again.
	d4 := Deposit{ID: "dep-4", Account: account, Amount: 1000}
	crash := newSpy(kv)
	crash.dieAfter = 1
	_ = deposit("ApplyDeposit(ctx, kv, dep-4 of 1000) on a worker that dies after its first write", crash, d4)
	_, writes := crash.counts()
	if writes == 0 {
		c.Fail(exercise.Mistake{Expected: "dep-4 to write to the bucket", Got: "it wrote nothing",
			Likely: "write the account back with kv.Update"})
	}
	if err := deposit("ApplyDeposit(ctx, kv, dep-4 delivered again)", newSpy(kv), d4); err != nil {
		c.Fail(exercise.Mistake{Expected: "no error when dep-4 comes back after its worker died", Got: err.Error(),
			Likely: "read the account again: the deposit is either in it (return nil) or not (apply it)"})
	}
	switch b := balance(); b {
	case 1123:
	case 123:
		c.Fail(exercise.Mistake{Expected: "a balance of 1123: dep-4 applied once, though its first worker died after its first write",
			Got: "123: the deposit was lost",
			Likely: "the ID was recorded in a write of its own, before the balance: the worker died between the two, " +
				"and the redelivery took the ID for a deposit done. Put the IDs in the account's value, so that one Update " +
				"changes the balance and records the ID together"})
	case 2123:
		c.Fail(exercise.Mistake{Expected: "a balance of 1123: dep-4 applied once, though its first worker died after its first write",
			Got: "2123: the deposit counted twice",
			Likely: "the ID was recorded in a write of its own, after the balance: the worker died between the two, " +
				"and the redelivery found no ID and applied it again. Put the IDs in the account's value, so that one Update " +
				"changes the balance and records the ID together"})
	default:
		c.Fail(exercise.Mistake{Expected: "a balance of 1123 after dep-4 (1000)", Got: fmt.Sprint(b),
			Likely: "one Update that changes the balance and records the ID together"})
	}

	// The same deposit twice at once: the one that loses the race must see,
	// when it reads again, that the other applied it.
	together("ApplyDeposit(ctx, kv, dep-5 of 10000) twice at once",
		[2]Deposit{{ID: "dep-5", Account: account, Amount: 10000}, {ID: "dep-5", Account: account, Amount: 10000}})
	if b := balance(); b != 11123 {
		c.Fail(exercise.Mistake{Expected: "a balance of 11123 after dep-5 (10000) was delivered twice at once",
			Got: fmt.Sprintf("%d: it counted twice", b),
			Likely: "the ID is checked only before the retry loop: after a conflict, the account you read again may already " +
				"hold the deposit (the other delivery applied it); look for d.ID in every account you read"})
	}
}
