package solutions

import (
	"testing"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/05-termination/check"
)

func TestMain(m *testing.M) { check.Main(m) }

// saveOnTerm is SaveOnTerm, registered so that a child process can run it.
var saveOnTerm = processes.Register("solutions05.SaveOnTerm", SaveOnTerm)

func TestFirstAbove(t *testing.T) { check.FirstAbove.TestSolution(t, FirstAbove) }

func TestFirstAboveGo(t *testing.T) { check.FirstAboveGo.TestSolution(t, FirstAboveGo) }

func TestSaveOnTerm(t *testing.T) { check.SaveOnTerm.TestSolution(t, saveOnTerm) }

func TestSumUntil(t *testing.T) { check.SumUntil.TestSolution(t, SumUntil) }
