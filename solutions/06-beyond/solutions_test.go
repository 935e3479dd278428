package solutions

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestApplyDeposit(t *testing.T) { check.ApplyDeposit.TestSolution(t, ApplyDeposit) }

func TestResume(t *testing.T) { check.Resume.TestSolution(t, Resume) }

func TestWork(t *testing.T) { check.Work.TestSolution(t, Work) }
