package exercises

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/04-mixing/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestSplit(t *testing.T) {
	check.Split.Test(t, check.SplitAnswer{RunBatch: RunBatch, Split: Split})
}

func TestRunInDirs(t *testing.T) { check.RunInDirs.Test(t, RunInDirs) }

func TestFitCores(t *testing.T) { check.FitCores.Test(t, FitCores) }
