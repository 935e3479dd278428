package solutions

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/04-mixing/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestSplit(t *testing.T) {
	check.Split.TestSolution(t, check.SplitAnswer{RunBatch: RunBatch, Split: Split})
}

func TestRunInDirs(t *testing.T) { check.RunInDirs.TestSolution(t, RunInDirs) }

func TestFitCores(t *testing.T) { check.FitCores.TestSolution(t, FitCores) }
