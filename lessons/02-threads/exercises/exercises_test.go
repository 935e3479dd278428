package exercises

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/02-threads/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestDownload(t *testing.T) { check.Download.Test(t, Download) }

func TestTally(t *testing.T) { check.Tally.Test(t, Tally) }

func TestFinishEarly(t *testing.T) { check.FinishEarly.Test(t, FinishEarly) }

func TestWorkerPool(t *testing.T) { check.WorkerPool.Test(t, WorkerPool) }
