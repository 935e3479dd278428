// Package repl is the playground's read-eval-print loop and its script
// modes: it reads cells (with continuation lines), has the front end make
// them ready for the interpreter, runs them in the supervised worker, and
// reports values, errors, panics and crashes in terms of the learner's
// input.
package repl
