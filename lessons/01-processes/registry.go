package processes

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Func is a function registered to run in child processes: it takes an
// argument of type A and returns a result of type R. Get one from Register.
type Func[A, R any] struct {
	name string
	fn   func(ctx context.Context, arg A) (R, error)
	late bool // registered after start-up: a child would not have it
	// types inspects A and R once, on first use in a parent (a child
	// does not pay for it when it starts).
	types func() typeInfo
	// results is what a child needs to know of R: whether its values
	// must be checked before they are sent back (see shape).
	results func() kinds
	// decodeResults reads a chunk of its results off a worker's stream
	// (decodeItems[R], made once here: a generic function's value costs an
	// allocation each time it is taken).
	decodeResults func(c *conn) (any, error)
}

// typeInfo is what a Func's parent knows of its argument and result types.
type typeInfo struct {
	args kinds // what each argument needs checked before it is sent
	// err says why A or R cannot cross between processes at all.
	err error
}

// Name is the name the function was registered under.
func (f *Func[A, R]) Name() string {
	if f == nil {
		return ""
	}
	return f.name
}

// Pair holds two arguments, for functions registered with Register2: the
// Go shape of Python's starmap argument tuples.
type Pair[A, B any] struct {
	First  A
	Second B
}

// runner is what a child needs of a registered function: read a chunk of
// arguments from the stream, and run the function on each.
type runner interface {
	decodeArgs(c *conn) (any, error)
	run(ctx context.Context, args any) (results any, firstErr *wireError)
}

type registration struct {
	runner runner
	where  string // file:line of the Register call
}

var (
	registryMu sync.Mutex
	registry   = map[string]registration{}
	// startedUp is set once RunChildIfRequested has returned in the parent:
	// functions registered after it exist only in this process.
	startedUp atomic.Bool
)

// Register registers fn under name so that child processes can run it, and
// returns the handle to pass to Start, Map and friends. Register it in a
// package-level variable, so that the parent and every child (the same
// binary started again) register it before main runs:
//
//	var square = processes.Register("square", func(ctx context.Context, n int) (int, error) {
//		return n * n, nil
//	})
//
// A child finds functions by name, the way Python pickles a function by its
// qualified name: a closure or a function defined later (in main, in a test,
// or typed into a REPL) does not exist in the child. Registering two
// functions under one name panics, naming both places.
func Register[A, R any](name string, fn func(ctx context.Context, arg A) (R, error)) *Func[A, R] {
	_, file, line, _ := runtime.Caller(1)
	where := fmt.Sprintf("%s:%d", file, line)
	f := &Func[A, R]{name: name, fn: fn, late: startedUp.Load(), types: sync.OnceValue(inspect[A, R]),
		results: sync.OnceValue(func() kinds { return shape(reflect.TypeFor[R]()) }), decodeResults: decodeItems[R]}
	registryMu.Lock()
	defer registryMu.Unlock()
	if prev, dup := registry[name]; dup {
		panic(fmt.Sprintf("processes: two functions are registered as %q: at %s and at %s; give each its own name", name, prev.where, where))
	}
	registry[name] = registration{runner: f, where: where}
	return f
}

// Register2 registers a function of two arguments; its tasks take a Pair.
// Map over a slice of pairs is Python's starmap.
func Register2[A, B, R any](name string, fn func(ctx context.Context, a A, b B) (R, error)) *Func[Pair[A, B], R] {
	return Register(name, func(ctx context.Context, p Pair[A, B]) (R, error) { return fn(ctx, p.First, p.Second) })
}

func lookup(name string) (runner, bool) {
	registryMu.Lock()
	defer registryMu.Unlock()
	r, ok := registry[name]
	return r.runner, ok
}

// check reports why f cannot run in a child, or nil.
func (f *Func[A, R]) check() error {
	switch {
	case f == nil || f.fn == nil:
		return fmt.Errorf("%w: this Func was not made by processes.Register; register the function at package level", ErrNotRegistered)
	case f.late:
		return fmt.Errorf("%w: %q was registered after start-up (in main, a test or a REPL), so a child process, "+
			"which is this program started again, would not have it; register it in a package-level variable", ErrNotRegistered, f.name)
	case f.types().err != nil:
		return fmt.Errorf("%s: %w (values cross encoded with encoding/gob: use plain data, "+
			"with no funcs, channels or unexported fields)", f.name, f.types().err)
	case !startedUp.Load():
		return fmt.Errorf("%w: call processes.RunChildIfRequested() as the first line of main (and of TestMain), "+
			"so that a child runs %q instead of running main again", ErrNoGuard, f.name)
	}
	return nil
}

// prepare is the one check before any work is sent to a child: fn can run
// there, and every argument can cross (name says what each is called in
// an error: "args[3]"). Nothing has started when it fails.
func (f *Func[A, R]) prepare(args []A, name naming) error {
	if err := f.check(); err != nil {
		return err
	}
	if k := f.types().args; !k.mayFail && !k.recursive {
		return nil // nothing of type A can fail to cross: nothing to look at
	}
	// A copy, so that args does not escape, and callers' slices of one
	// argument stay on their stacks.
	if err := checkValues(slices.Clone(args), f.types().args, name); err != nil {
		return fmt.Errorf("%w (arguments cross to the child encoded with encoding/gob; nothing was sent)", err)
	}
	return nil
}

// Sendable reports why the function cannot run in a child process on
// args, before anything is sent: it was not registered at start-up, or an
// argument cannot cross (named by its index: "args[1].Ptrs[0] is a nil
// *int"). Start, Map and ApplyAsync make the same check; an executor that
// queues tasks before it hands them to a pool (lesson 03) makes it when a
// task is submitted.
func (f *Func[A, R]) Sendable(args ...A) error {
	if len(args) == 1 {
		return f.prepare(args, alone("arg"))
	}
	return f.prepare(args, indexed("args"))
}

// Call runs the function here, in this process, as a goroutine would: what
// an executor that runs tasks on goroutines does with a registered
// function (lesson 03). A panic is not recovered.
func (f *Func[A, R]) Call(ctx context.Context, arg A) (R, error) {
	if f == nil || f.fn == nil {
		var zero R
		return zero, fmt.Errorf("processes: call: %w: this Func was not made by processes.Register", ErrNotRegistered)
	}
	return f.fn(ctx, arg)
}

// item is one task's outcome as it crosses back to the parent.
type item[R any] struct {
	Value R
	Err   *wireError
}

func (f *Func[A, R]) decodeArgs(c *conn) (any, error) {
	var in []A
	if err := c.decodeValue(&in); err != nil {
		return nil, fmt.Errorf("decode the arguments of %s: %w", f.name, err)
	}
	return in, nil
}

// run runs the function on each argument of a chunk in turn. A panic
// becomes that item's error, and the next item runs; so does a result that
// cannot cross back to the parent. firstErr is the first item's error, if
// any failed.
func (f *Func[A, R]) run(ctx context.Context, args any) (results any, firstErr *wireError) {
	in := args.([]A)
	out := make([]item[R], len(in))
	for i, a := range in {
		out[i] = f.call(ctx, a)
	}
	if k := f.results(); k.mayFail || k.recursive {
		values := make([]R, len(out))
		for i, it := range out {
			values[i] = it.Value
		}
		if checkValues(values, k, indexed("results")) != nil {
			for i := range out {
				if err := checkValues(values[i:i+1], k, alone("result")); err != nil && out[i].Err == nil {
					out[i] = item[R]{Err: errorWire(fmt.Errorf("%s returned a result that cannot cross back to the parent: %w", f.name, err))}
				}
			}
		}
	}
	for _, it := range out {
		if it.Err != nil {
			return out, it.Err
		}
	}
	return out, nil
}

func (f *Func[A, R]) call(ctx context.Context, a A) (it item[R]) {
	defer func() {
		if v := recover(); v != nil {
			it.Err = panicWire(v)
		}
	}()
	v, err := f.fn(ctx, a)
	if err != nil {
		return item[R]{Err: errorWire(err)}
	}
	return item[R]{Value: v}
}

func inspect[A, R any]() typeInfo {
	a, r := reflect.TypeFor[A](), reflect.TypeFor[R]()
	ti := typeInfo{args: shape(a)}
	if err := crossable(a, []A{}); err != nil {
		ti.err = fmt.Errorf("the argument type %v cannot cross to a child process: %w", a, err)
	} else if err := crossable(r, []item[R]{}); err != nil {
		ti.err = fmt.Errorf("the result type %v cannot cross back from a child process: %w", r, err)
	}
	return ti
}

// crossable reports why values of type t cannot cross between processes:
// a func or channel in an exported field (gob would silently drop it), or
// anything gob refuses for the type (sample is an empty chunk of t).
func crossable(t reflect.Type, sample any) error {
	if path := funcOrChan(t, t.String(), map[reflect.Type]bool{}); path != "" {
		return fmt.Errorf("%s is a func or a channel, which only exists in one process", path)
	}
	return trialEncode(sample)
}

func funcOrChan(t reflect.Type, path string, seen map[reflect.Type]bool) string {
	if seen[t] {
		return ""
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Func, reflect.Chan, reflect.UnsafePointer:
		return path
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return funcOrChan(t.Elem(), path, seen)
	case reflect.Map:
		return funcOrChan(t.Elem(), path, seen)
	case reflect.Struct:
		if _, ok := reflect.New(t).Interface().(interface{ GobEncode() ([]byte, error) }); ok {
			return "" // it encodes itself, as a Queue does
		}
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				if p := funcOrChan(f.Type, path+"."+f.Name, seen); p != "" {
					return p
				}
			}
		}
	}
	return ""
}
