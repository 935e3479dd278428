package solutions

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/01-processes/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestCountPrimes(t *testing.T) { check.CountPrimes.TestSolution(t, CountPrimes) }

func TestTaskQueue(t *testing.T) { check.TaskQueue.TestSolution(t, TaskQueue) }

func TestRunAll(t *testing.T) { check.RunAll.TestSolution(t, RunAll) }

func TestGreetAll(t *testing.T) { check.GreetAll.TestSolution(t, GreetAll) }
