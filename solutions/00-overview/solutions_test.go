package solutions

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/00-overview/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestSquaresAndCubes(t *testing.T) { check.SquaresAndCubes.TestSolution(t, SquaresAndCubes) }

func TestSquaresInChild(t *testing.T) { check.SquaresInChild.TestSolution(t, SquaresInChild) }

func TestCounter(t *testing.T) {
	check.SafeCounter.TestSolution(t, func() check.Counter { return &Counter{} })
}

func TestParallelSum(t *testing.T) { check.ParallelSum.TestSolution(t, ParallelSum) }
