// Command playground is the course's Go REPL: go run ./playground.
//
// It interprets Go with yaegi, in a worker process it supervises, so that
// goroutines keep running between cells and a crash ends only the worker.
// See README.md in this directory.
package main

//go:generate go run ../internal/notebook/cmd/notebook README.md
//go:generate env PLAYGROUND_RERECORD=1 go test -count=1 -run ^(TestSessions|TestGuideListsEveryCommand)$ .

import (
	"os"

	"github.com/gophertutor/concurrency/playground/internal/cli"
	"github.com/gophertutor/concurrency/playground/internal/worker"
)

func main() {
	runChildGuards()        // this binary may be a lesson's child process
	worker.RunIfRequested() // or the playground's worker
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
