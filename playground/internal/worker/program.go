package worker

import (
	"flag"
	"os"
	"reflect"
	"strings"
	"sync"
	"syscall"

	"github.com/traefik/yaegi/interp"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// The learner's program sees the process as its own, not as the worker's:
// os.Args and flag.CommandLine hold the program's arguments (setArgs), and
// the environment is the one the playground was started with, without the
// GODEBUG setting the worker needs for its stack dumps (programEnv).

// setArgs makes args the process's os.Args, and gives the flag package a
// command line of its own for them: flag.Parse() in the learner's program
// then reads the program's arguments, as in a compiled program. The
// interpreter's flag.CommandLine is the same FlagSet (yaegi would make
// one of its own that flag.Parse does not use).
func setArgs(args []string) interp.Exports {
	os.Args = args
	flag.CommandLine = flag.NewFlagSet(args[0], flag.ExitOnError)
	return interp.Exports{"flag/flag": {
		"CommandLine": reflect.ValueOf(&flag.CommandLine).Elem(),
	}}
}

// godebugLabels is the setting the worker adds to GODEBUG: stack dumps
// with pprof labels, to tell the learner's goroutines by cell.
const godebugLabels = "tracebacklabels=1"

// programEnv is the environment as the learner's program sees it: the
// process's, but with GODEBUG as the playground was given it. The runtime
// reads GODEBUG from the process's environment, so the worker's setting
// must stay there; the program's view of the variable is kept apart, and
// the symbols of os and syscall that read or write the environment go
// through it.
type programEnv struct {
	mu      sync.Mutex
	godebug string // the program's GODEBUG
	set     bool   // whether the program has one
}

// newProgramEnv records the program's GODEBUG; call it before the worker
// changes the variable.
func newProgramEnv() *programEnv {
	v, ok := os.LookupEnv("GODEBUG")
	return &programEnv{godebug: v, set: ok}
}

// workerGODEBUG is the process's GODEBUG for a program GODEBUG of v: the
// worker's setting comes last, so it wins.
func workerGODEBUG(v string) string {
	if v == "" {
		return godebugLabels
	}
	return v + "," + godebugLabels
}

func (e *programEnv) lookup(key string) (string, bool) {
	if key == "GODEBUG" {
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.godebug, e.set
	}
	return os.LookupEnv(key)
}

func (e *programEnv) getenv(key string) string {
	v, _ := e.lookup(key)
	return v
}

// environ is os.Environ with the program's GODEBUG, in its place.
func (e *programEnv) environ() []string {
	e.mu.Lock()
	godebug, set := e.godebug, e.set
	e.mu.Unlock()
	env := os.Environ()
	out := env[:0]
	for _, kv := range env {
		if strings.HasPrefix(kv, "GODEBUG=") {
			if !set {
				continue
			}
			kv = "GODEBUG=" + godebug
		}
		out = append(out, kv)
	}
	return out
}

func (e *programEnv) setenv(key, value string) error {
	if key != "GODEBUG" {
		return os.Setenv(key, value)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := os.Setenv(key, workerGODEBUG(value)); err != nil {
		return err
	}
	e.godebug, e.set = value, true
	return nil
}

func (e *programEnv) unsetenv(key string) error {
	if key != "GODEBUG" {
		return os.Unsetenv(key)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err := os.Setenv(key, godebugLabels); err != nil {
		return err
	}
	e.godebug, e.set = "", false
	return nil
}

func (e *programEnv) clearenv() {
	e.mu.Lock()
	defer e.mu.Unlock()
	os.Clearenv()
	_ = os.Setenv("GODEBUG", godebugLabels)
	e.godebug, e.set = "", false
}

// symbols are the functions of os and syscall that see the environment.
func (e *programEnv) symbols(exec func(argv0 string, argv, envv []string) error) interp.Exports {
	return interp.Exports{
		"os/os": {
			"Getenv":    reflect.ValueOf(e.getenv),
			"LookupEnv": reflect.ValueOf(e.lookup),
			"Environ":   reflect.ValueOf(e.environ),
			"ExpandEnv": reflect.ValueOf(func(s string) string { return os.Expand(s, e.getenv) }),
			"Setenv":    reflect.ValueOf(e.setenv),
			"Unsetenv":  reflect.ValueOf(e.unsetenv),
			"Clearenv":  reflect.ValueOf(e.clearenv),
		},
		"syscall/syscall": {
			"Getenv":   reflect.ValueOf(e.lookup),
			"Environ":  reflect.ValueOf(e.environ),
			"Setenv":   reflect.ValueOf(e.setenv),
			"Unsetenv": reflect.ValueOf(e.unsetenv),
			"Clearenv": reflect.ValueOf(e.clearenv),
			"Exec":     reflect.ValueOf(exec),
		},
	}
}

// execProgram is syscall.Exec for the learner's program: it tells the
// supervisor that the worker is about to become another program, so that
// its end is reported as that program's and not as the worker's, then
// replaces the process. If the exec fails, it says so again, and returns
// the error as syscall.Exec does.
func (w *worker) execProgram(argv0 string, argv, envv []string) error {
	_ = w.answers.Send(wire.Message{Kind: wire.KindExec, Exec: argv0})
	err := syscall.Exec(argv0, argv, envv)
	_ = w.answers.Send(wire.Message{Kind: wire.KindExec}) // still the worker
	return err
}
