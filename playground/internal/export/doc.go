// Package export writes a REPL session out as a real Go program, for the
// playground's :build and :race: the session's imports and declarations at
// the package level, and the cells' statements, in the order they ran, in
// func main. Variables that cells declare (x := ..., var x = ...) become
// package-level variables, assigned where the cell declared them, so that
// functions can use them as they did in the session. An expression whose
// value the REPL showed is printed with fmt.Println (without the type
// the REPL adds). Every piece carries a
// //line directive, so the go toolchain itself reports positions as
// "cellN:line:col"; Program.MapLine turns them into the REPL's own way of
// pointing at a cell, with the line of input.
package export
