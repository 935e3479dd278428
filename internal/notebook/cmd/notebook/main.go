// Command notebook regenerates lesson READMEs: every code cell from its
// source and every output cell by running its command. Each lesson runs it
// with go generate:
//
//	//go:generate go run ../../internal/notebook/cmd/notebook README.md
//
// See package notebook for the cell syntax.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/gophertutor/concurrency/internal/notebook"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: notebook README.md...")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	logf := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "notebook: "+format+"\n", args...) }
	for _, path := range os.Args[1:] {
		if err := notebook.Generate(ctx, path, logf); err != nil {
			fmt.Fprintln(os.Stderr, "notebook:", err)
			os.Exit(1)
		}
	}
}
