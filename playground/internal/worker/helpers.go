package worker

import (
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"

	"github.com/gophertutor/concurrency/playground/internal/dumpcode"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// prelude is evaluated once, before the first cell: the helpers, and the
// builtins yaegi lacks (min and max, written as generic functions; clear is
// a compiled helper).
var prelude = `import ` + wire.HelperAlias + ` "` + wire.HelperPath + `"

type __pgOrdered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr |
		~float32 | ~float64 | ~string
}

func ` + wire.MinFunc + `[T __pgOrdered](x T, ys ...T) T {
	for _, y := range ys {
		if x != x {
			return x
		}
		if y != y || y < x {
			x = y
		}
	}
	return x
}

func ` + wire.FuncFunc + `[F any](f F) F { return f }

func ` + wire.MaxFunc + `[T __pgOrdered](x T, ys ...T) T {
	for _, y := range ys {
		if x != x {
			return x
		}
		if y != y || y > x {
			x = y
		}
	}
	return x
}
`

// shower prints the values of expression statements, with the types the
// front end found for them.
type shower struct {
	out io.Writer

	mu    sync.Mutex
	types map[int]string
}

func (s *shower) setTypes(t map[int]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.types = t
}

// show returns the function that prints the values of expression
// statement k: "value // type".
func (s *shower) show(k int) func(...any) {
	return func(values ...any) {
		s.mu.Lock()
		typ := s.types[k]
		s.mu.Unlock()
		if len(values) == 1 && values[0] == nil && typ == "error" {
			return // a call that went well: nothing to say, as Python says nothing for None
		}
		parts := make([]string, len(values))
		var types []string
		for i, v := range values {
			parts[i] = formatValue(v)
			types = append(types, fmt.Sprintf("%T", v))
		}
		if typ == "" {
			typ = strings.Join(types, ", ")
			if len(types) > 1 {
				typ = "(" + typ + ")"
			}
		}
		fmt.Fprintf(s.out, "%s // %s\n", strings.Join(parts, ", "), typ)
	}
}

// formatValue formats one shown value: strings quoted, structs with their
// field names.
func formatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "<nil>"
	case string:
		return strconv.Quote(x)
	case error:
		return x.Error()
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.Struct && !renamedFields(rv.Type()) {
		return fmt.Sprintf("%+v", v)
	}
	return fmt.Sprintf("%v", v)
}

// renamedFields reports a struct type of the program whose unexported
// fields yaegi renamed (x becomes Xx, which %+v would show): its values are
// shown without field names rather than with names the program does not
// have. An exported field named X followed by a lower-case letter is taken
// for one too, and costs only the names.
func renamedFields(t reflect.Type) bool {
	if t.Name() != "" {
		return false // a compiled type: its names are its own
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if len(f.Name) > 1 && f.Name[0] == 'X' && (f.Name[1] == '_' || f.Name[1] >= 'a' && f.Name[1] <= 'z') {
			return true
		}
	}
	return false
}

// clearValue is the builtin clear for maps and slices.
func clearValue(x any) {
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.Map, reflect.Slice:
		v.Clear()
	}
}

// helperSymbols are the compiled helpers, as the interpreter imports them.
func helperSymbols(s *shower, st *sites, rt *returns, t *timers) interp.Exports {
	name := wire.HelperPath[strings.LastIndexByte(wire.HelperPath, '/')+1:]
	return interp.Exports{wire.HelperPath + "/" + name: {
		wire.ShowFunc:        reflect.ValueOf(s.show),
		wire.DumpFunc:        reflect.ValueOf(dumpcode.PgDump),
		wire.ClearFunc:       reflect.ValueOf(clearValue),
		wire.PrintFunc:       reflect.ValueOf(runtimePrint(false)),
		wire.PrintlnFunc:     reflect.ValueOf(runtimePrint(true)),
		wire.SiteFunc:        reflect.ValueOf(st.at),
		wire.ReturnedFunc:    reflect.ValueOf(rt.returned),
		wire.TimerStopFunc:   reflect.ValueOf(t.timerStop),
		wire.TimerResetFunc:  reflect.ValueOf(t.timerReset),
		wire.TickerStopFunc:  reflect.ValueOf(t.tickerStop),
		wire.TickerResetFunc: reflect.ValueOf(t.tickerReset),
	}}
}

// runtimePrint returns the builtin print (println, with newline set) as
// Go's runtime does it: to standard error, in one write, floats and
// complex numbers as strconv's shortest form, pointers, channels, maps and
// functions as their address in hex, a slice as [len/cap]address. (The
// runtime prints an interface as its type and data words; the value passed
// here is the interface's dynamic value, printed as such.)
func runtimePrint(newline bool) func(...any) {
	return func(args ...any) {
		var b []byte
		for i, a := range args {
			if newline && i > 0 {
				b = append(b, ' ')
			}
			b = appendPrinted(b, reflect.ValueOf(a))
		}
		if newline {
			b = append(b, '\n')
		}
		_, _ = os.Stderr.Write(b)
	}
}

func appendPrinted(b []byte, v reflect.Value) []byte {
	hex := func(b []byte, p uintptr) []byte { return strconv.AppendUint(append(b, "0x"...), uint64(p), 16) }
	switch v.Kind() {
	case reflect.Invalid:
		return append(b, "(0x0,0x0)"...) // a nil interface
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(b, v.Uint(), 10)
	case reflect.Float32:
		return strconv.AppendFloat(b, v.Float(), 'g', -1, 32)
	case reflect.Float64:
		return strconv.AppendFloat(b, v.Float(), 'g', -1, 64)
	case reflect.Complex64:
		return append(b, strconv.FormatComplex(v.Complex(), 'g', -1, 64)...)
	case reflect.Complex128:
		return append(b, strconv.FormatComplex(v.Complex(), 'g', -1, 128)...)
	case reflect.String:
		return append(b, v.String()...)
	case reflect.Pointer, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer:
		return hex(b, v.Pointer())
	case reflect.Slice:
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(v.Len()), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(v.Cap()), 10)
		return hex(append(b, ']'), v.Pointer())
	}
	return fmt.Appendf(b, "%v", v) // the type checker lets no other kind through
}
