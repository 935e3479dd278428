package sidebyside

import (
	"context"
	"fmt"

	"github.com/traefik/yaegi/interp"
)

// The playground's figures: its CPU-bound cell, interpreted by yaegi (as
// the playground runs cells) and compiled (as :build runs them). Python
// interprets too: the first is interpreter against interpreter. Their
// Python twin is in pg_playground.py.
var playground = []*Figure{
	{ID: "primes-interpreted", Lesson: "pg", Kind: Wall, Size: 300_000, Short: 20_000, Rounds: 1,
		What: "count the primes below n by trial division, interpreted (yaegi)", Go: primesInterpreted},
	{ID: "primes-compiled", Lesson: "pg", Kind: Wall, Size: 300_000, Short: 20_000, Rounds: 3,
		What: "the same, compiled Go (the playground's :build)", Go: primesCompiled},
}

// primesCell is the playground README's CPU-bound cell, for any n, with a
// three-clause loop for its range over an int (which the playground
// rewrites so for yaegi).
const primesCell = `
func isPrime(n int) bool { if n < 2 { return false }; for d := 2; d*d <= n; d++ { if n%%d == 0 { return false } }; return true }
func count() int { c := 0; for n := 0; n < %d; n++ { if isPrime(n) { c++ } }; return c }
`

func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

// countPrimes is primesCell, compiled.
func countPrimes(n int) int {
	c := 0
	for v := range n {
		if isPrime(v) {
			c++
		}
	}
	return c
}

// primes keeps the count, so that the compiler keeps the loop.
var primes int

func primesCompiled(_ context.Context, _ *Env, n int) (float64, error) {
	return timed(func() error {
		primes = countPrimes(n)
		return nil
	})
}

func primesInterpreted(_ context.Context, _ *Env, n int) (float64, error) {
	i := interp.New(interp.Options{})
	if _, err := i.Eval(fmt.Sprintf(primesCell, n)); err != nil {
		return 0, fmt.Errorf("sidebyside: yaegi: %w", err)
	}
	var got int
	s, err := timed(func() error {
		v, err := i.Eval("count()")
		if err != nil {
			return fmt.Errorf("sidebyside: yaegi: %w", err)
		}
		got = int(v.Int())
		return nil
	})
	if err == nil && got != countPrimes(n) {
		err = fmt.Errorf("sidebyside: yaegi counted %d primes below %d, compiled Go %d", got, n, countPrimes(n))
	}
	return s, err
}
