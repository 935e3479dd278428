package worker

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"

	"github.com/traefik/yaegi/interp"

	"github.com/gophertutor/concurrency/playground/internal/symbols"
)

// newInterpreter returns a yaegi interpreter with every symbol the
// playground offers and the prelude evaluated. Its standard output is
// stdout; its standard error catches panic frames (see frameCatcher); its
// os.Args are args. The symbols of extra replace those of the standard
// library.
func newInterpreter(stdout, stderr interface {
	Write([]byte) (int, error)
}, args []string, show *shower, t *timers, st *sites, rt *returns, extra ...interp.Exports) (*interp.Interpreter, error) {
	i := interp.New(interp.Options{
		Stdout:       stdout,
		Stderr:       stderr,
		Args:         args,
		Unrestricted: true, // os/exec, the real os.Exit: the worker is the sandbox
	})
	if err := i.Use(symbols.Exports()); err != nil {
		return nil, fmt.Errorf("start the interpreter: load symbols: %w", err)
	}
	if err := i.Use(logFatal(i)); err != nil {
		return nil, fmt.Errorf("start the interpreter: load log.Fatal: %w", err)
	}
	for _, e := range extra {
		if err := i.Use(e); err != nil {
			return nil, fmt.Errorf("start the interpreter: load the program's symbols: %w", err)
		}
	}
	if err := i.Use(t.symbols()); err != nil {
		return nil, fmt.Errorf("start the interpreter: load timer symbols: %w", err)
	}
	if err := i.Use(helperSymbols(show, st, rt, t)); err != nil {
		return nil, fmt.Errorf("start the interpreter: load helpers: %w", err)
	}
	if _, err := i.Eval(prelude); err != nil {
		return nil, fmt.Errorf("start the interpreter: prelude: %w", err)
	}
	return i, nil
}

// ArgsEnv carries the program arguments of a script (go run ./playground
// file.go a b) to the worker, as a JSON array.
const ArgsEnv = "GOPHERTUTOR_PLAYGROUND_ARGS"

// workerArgs returns os.Args as the interpreted program sees them.
func workerArgs() []string {
	args := []string{"playground"}
	if a, ok := os.LookupEnv(ArgsEnv); ok {
		os.Unsetenv(ArgsEnv)
		var decoded []string
		if json.Unmarshal([]byte(a), &decoded) == nil && len(decoded) > 0 {
			args = decoded
		}
	}
	return args
}

// JoinArgs encodes program arguments for ArgsEnv.
func JoinArgs(args []string) string {
	b, _ := json.Marshal(args)
	return string(b)
}

// logFatal gives log.Fatal, Fatalf and Fatalln their Go meaning: print,
// as log.Print does, then os.Exit(1), with no deferred call run. yaegi
// makes them log.Panic whatever its options say, so a program's defers
// ran, "panic:" and a stack followed the message, and it ended with 2.
// The logger they print with is yaegi's own for the interpreted program
// (its Output, which log.SetOutput and SetFlags reach).
func logFatal(i *interp.Interpreter) interp.Exports {
	v := i.Symbols("log")["log"]["Output"]
	if !v.IsValid() {
		return nil
	}
	output, ok := v.Interface().(func(int, string) error)
	if !ok {
		return nil
	}
	fatal := func(s string) {
		_ = output(3, s)
		os.Exit(1)
	}
	return interp.Exports{"log/log": {
		"Fatal":   reflect.ValueOf(func(v ...any) { fatal(fmt.Sprint(v...)) }),
		"Fatalf":  reflect.ValueOf(func(format string, v ...any) { fatal(fmt.Sprintf(format, v...)) }),
		"Fatalln": reflect.ValueOf(func(v ...any) { fatal(fmt.Sprintln(v...)) }),
	}}
}
