package exercises

import (
	"testing"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/05-termination/check"
)

func TestMain(m *testing.M) { check.Main(m) }

// saveOnTerm is SaveOnTerm, registered so that a child process (this test
// binary started again) can run it.
var saveOnTerm = processes.Register("exercises05.SaveOnTerm", SaveOnTerm)

func TestFirstAbove(t *testing.T) { check.FirstAbove.Test(t, FirstAbove) }

func TestFirstAboveGo(t *testing.T) { check.FirstAboveGo.Test(t, FirstAboveGo) }

func TestSaveOnTerm(t *testing.T) { check.SaveOnTerm.Test(t, saveOnTerm) }

func TestSumUntil(t *testing.T) { check.SumUntil.Test(t, SumUntil) }
