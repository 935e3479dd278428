// Package frontend turns what the learner types into code the interpreter
// (yaegi) runs correctly. It splits a cell into declarations and
// statements, so that any mix works; type-checks it against the session so
// far; rewrites what yaegi gets wrong so that the code has Go 1.22+
// semantics (per-iteration loop variables, range over integers, ranging
// over a slice of channels, min, max and clear); wraps expression
// statements so that their values are shown with their types; and writes
// //line directives so that every position the interpreter reports is a
// position in the learner's input.
package frontend
