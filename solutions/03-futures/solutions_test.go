package solutions

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/03-futures/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestFirstN(t *testing.T) { check.FirstN.TestSolution(t, FirstN) }

func TestFailFast(t *testing.T) { check.FailFast.TestSolution(t, FailFast) }

func TestRerun(t *testing.T) { check.Rerun.TestSolution(t, Rerun) }

func TestSumSquares(t *testing.T) { check.SumSquares.TestSolution(t, SumSquares) }
