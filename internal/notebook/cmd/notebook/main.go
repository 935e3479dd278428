// Command notebook regenerates lesson READMEs: every code cell from its
// source and every output cell by running its command. Each lesson runs it
// with go generate:
//
//	//go:generate go run ../../internal/notebook/cmd/notebook README.md
//
// An output whose fresh run differs from the recorded one only where its
// rules allow (timings, interleavings) is kept as recorded. To record every
// output afresh:
//
//	NOTEBOOK_RERECORD=1 go generate ./...
//
// See package notebook for the cell syntax.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/gophertutor/concurrency/internal/notebook"
)

func main() {
	rerecord := flag.Bool("rerecord", os.Getenv("NOTEBOOK_RERECORD") != "", "record every output afresh")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: notebook [-rerecord] README.md...")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	logf := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "notebook: "+format+"\n", args...) }
	for _, path := range flag.Args() {
		if err := notebook.Generate(ctx, path, *rerecord, logf); err != nil {
			fmt.Fprintln(os.Stderr, "notebook:", err)
			os.Exit(1)
		}
	}
}
