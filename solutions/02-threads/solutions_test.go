package solutions

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/02-threads/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestDownload(t *testing.T) { check.Download.TestSolution(t, Download) }

func TestTally(t *testing.T) { check.Tally.TestSolution(t, Tally) }

func TestFinishEarly(t *testing.T) { check.FinishEarly.TestSolution(t, FinishEarly) }

func TestWorkerPool(t *testing.T) { check.WorkerPool.TestSolution(t, WorkerPool) }
