// Command sidebyside runs, on this machine, the course's Python programs
// and the Go code the lessons teach, doing the same jobs with the same
// sizes, and prints one table: each figure's Python value, Go value and
// their ratio, with what it measures. Run it from the repository root:
//
//	go run ./cmd/sidebyside          the full table (a minute or two)
//	go run ./cmd/sidebyside -short   small sizes, one round: that it works
//
// Without python3 on PATH it says so and prints the Go column alone.
// docs/benchmarks.md shows a table it printed, and how to read it.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"github.com/gophertutor/concurrency/internal/sidebyside"
	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

func main() {
	// This program's children are this program started again: lesson 00's
	// and lesson 01's, each finds its work here and never returns.
	overview.RunChildIfRequested()
	processes.RunChildIfRequested()

	short := flag.Bool("short", false, "small sizes and one round: checks that every figure runs (CI), not figures to quote")
	python := flag.String("python", "python3", "the Python interpreter to compare with")
	only := flag.String("only", "", "measure only these figures (comma-separated)")
	svg := flag.String("svg", "", "also write the chart of the table to this file")
	chartFrom := flag.String("chart-from", "", "measure nothing: write the chart of the table recorded in this Markdown file to -svg")
	list := flag.String("list", "", "measure nothing: list the figures of this lesson (00 … 05, pg)")
	verbose := flag.Bool("v", false, "say on stderr what is being measured")
	flag.Parse()

	switch {
	case *list != "":
		sidebyside.List(os.Stdout, *list)
		return
	case *chartFrom != "":
		page, err := os.ReadFile(*chartFrom)
		check(err)
		writeChart(*svg, string(page))
		return
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	o := sidebyside.Options{Short: *short, Python: *python}
	if *only != "" {
		o.Only = strings.Split(*only, ",")
	}
	if *verbose {
		o.Log = os.Stderr
	}
	rep, err := sidebyside.Run(ctx, o)
	check(err)
	var table bytes.Buffer
	sidebyside.Format(&table, rep)
	fmt.Print(table.String())
	if *svg != "" {
		writeChart(*svg, table.String())
	}
}

// writeChart writes the chart of the table in text to path (stdout if "").
func writeChart(path, text string) {
	chart, err := sidebyside.ChartOf(text)
	check(err)
	if path == "" {
		fmt.Print(chart)
		return
	}
	check(os.WriteFile(path, []byte(chart), 0o644))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
