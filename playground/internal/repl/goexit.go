package repl

// goexitNote is what the REPL says of a cell that called runtime.Goexit in
// its own goroutine. (A program run as a script goes on instead, as Go's
// does: see wire.Eval.Main.)
const goexitNote = "runtime.Goexit ended the cell's own goroutine: its deferred calls ran, the rest of the cell did not.\n" +
	"(In a program, main's goroutine would end so, and the program with it once no other goroutine is left.)"
