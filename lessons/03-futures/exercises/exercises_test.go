package exercises

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/03-futures/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestFirstN(t *testing.T) { check.FirstN.Test(t, FirstN) }

func TestFailFast(t *testing.T) { check.FailFast.Test(t, FailFast) }

func TestRerun(t *testing.T) { check.Rerun.Test(t, Rerun) }

func TestSumSquares(t *testing.T) { check.SumSquares.Test(t, SumSquares) }
