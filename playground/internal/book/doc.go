// Package book reads the course's lessons as notebooks for the
// playground's notebook mode: it lists the
// lessons (lessons/NN-name/README.md), splits a README into the cells a
// learner steps through, renders a cell as plain text for a terminal,
// reads the playground sessions marked in a README, and keeps how far the
// learner got in each lesson in a small file.
//
// A playground session is a console block marked with an HTML comment,
// invisible on GitHub:
//
//	<!-- session -->
//	```console
//	go> x := 6
//	go> x * 7
//	42 // int
//	```
//
// Lines after "go> " (and "... ", which continues the input above) are
// typed into the REPL; the other lines are what it printed. The marker may
// carry rules for output that varies between runs, as output directives
// do: <!-- session | durations -->.
package book
