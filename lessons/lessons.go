// Package lessons is the course's table of the lessons that have
// exercises: where each lives and what its exercises are. The playground's
// :check, :hint and `go run ./playground check` read it (internal/progress);
// a new lesson is one line in All.
package lessons

import (
	check00 "github.com/gophertutor/concurrency/lessons/00-overview/check"
	check01 "github.com/gophertutor/concurrency/lessons/01-processes/check"
	check02 "github.com/gophertutor/concurrency/lessons/02-threads/check"
	check03 "github.com/gophertutor/concurrency/lessons/03-futures/check"
	check04 "github.com/gophertutor/concurrency/lessons/04-mixing/check"
	check05 "github.com/gophertutor/concurrency/lessons/05-termination/check"
	catalog06 "github.com/gophertutor/concurrency/lessons/06-beyond/check/catalog"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Info describes one exercise to the learner: the harness's exercise.Info,
// for packages outside lessons/ that cannot import the harness.
type Info = exercise.Info

// Lesson is a lesson that has exercises.
type Lesson struct {
	// Number is the lesson's number as its folder starts: "00".
	Number string
	// Dir is the lesson's folder, relative to the repository root.
	Dir string
	// Exercises lists its exercises in order: its check package's All
	// (lesson 06: its catalog's, which links no NATS server).
	Exercises func() []Info
	// NoFigures, if set, says why the lesson has no rows in
	// docs/benchmarks.md, where every other lesson's speeds stand beside
	// the Python series' (its README then states no claim about them).
	NoFigures string
}

// All is every lesson with exercises, in order. A new lesson is one line.
var All = []Lesson{
	{Number: "00", Dir: "lessons/00-overview", Exercises: check00.All},
	{Number: "01", Dir: "lessons/01-processes", Exercises: check01.All},
	{Number: "02", Dir: "lessons/02-threads", Exercises: check02.All},
	{Number: "03", Dir: "lessons/03-futures", Exercises: check03.All},
	{Number: "04", Dir: "lessons/04-mixing", Exercises: check04.All},
	{Number: "05", Dir: "lessons/05-termination", Exercises: check05.All},
	{Number: "06", Dir: "lessons/06-beyond", Exercises: catalog06.All, NoFigures: "beyond the Python series: its standard library has no message system to measure JetStream against"},
}
