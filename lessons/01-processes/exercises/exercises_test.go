package exercises

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/01-processes/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestCountPrimes(t *testing.T) { check.CountPrimes.Test(t, CountPrimes) }

func TestTaskQueue(t *testing.T) { check.TaskQueue.Test(t, TaskQueue) }

func TestRunAll(t *testing.T) { check.RunAll.Test(t, RunAll) }

func TestGreetAll(t *testing.T) { check.GreetAll.Test(t, GreetAll) }
