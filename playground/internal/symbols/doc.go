// Package symbols is everything compiled code offers the playground's
// interpreter: the standard library (yaegi's symbols, with the unrestricted
// os/exec, os.Exit and log.Fatal, and syscall), and every lesson package,
// whose symbols are generated. Run go generate here after adding or
// changing a lesson; TestGeneratedSymbolsAreFresh fails when the generated
// files are stale.
package symbols

//go:generate go run ../symgen/cmd
