package exercises

import (
	"testing"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
)

func TestMain(m *testing.M) { check.Main(m) }

func TestApplyDeposit(t *testing.T) { check.ApplyDeposit.Test(t, ApplyDeposit) }

func TestResume(t *testing.T) { check.Resume.Test(t, Resume) }

func TestWork(t *testing.T) { check.Work.Test(t, Work) }
