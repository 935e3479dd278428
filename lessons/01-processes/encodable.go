package processes

import (
	"encoding"
	"encoding/gob"
	"fmt"
	"io"
	"reflect"
	"sync"
)

// maxDepth is how deeply nested a value may be to cross between processes.
// encoding/gob encodes and decodes nested values by recursion, about half a
// kilobyte of stack a level: a linked list of ten million nodes (or a
// circular one) would overflow the stack and kill the process, which no
// recover can stop. A hundred thousand levels take some 50 MB of stack.
const maxDepth = 100_000

// kinds is what a type may hold that makes some of its values fail to
// cross although the type itself can (see shape).
type kinds struct {
	// mayFail: a pointer (a nil one inside a slice, array or map cannot be
	// encoded), an interface (its dynamic type must be registered with
	// gob) or a type that encodes itself (its method may fail).
	mayFail bool
	// recursive: the type contains itself, so its values may nest without
	// bound.
	recursive bool
}

// shapes caches shape for shapeOf.
var shapes sync.Map // reflect.Type → kinds

// shapeOf is shape(t), worked out once per type.
func shapeOf(t reflect.Type) kinds {
	if k, ok := shapes.Load(t); ok {
		return k.(kinds)
	}
	k := shape(t)
	shapes.Store(t, k)
	return k
}

// shape inspects t: what its values need checked before they cross.
func shape(t reflect.Type) kinds {
	var k kinds
	onPath := map[reflect.Type]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if onPath[t] {
			k.recursive = true
			return
		}
		if seen[t] {
			return
		}
		seen[t], onPath[t] = true, true
		defer delete(onPath, t)
		if encodesItself(t) {
			k.mayFail = true
			return
		}
		switch t.Kind() {
		case reflect.Interface:
			k.mayFail = true
			k.recursive = true // it may hold anything, itself included
		case reflect.Pointer:
			k.mayFail = true
			walk(t.Elem())
		case reflect.Slice, reflect.Array:
			walk(t.Elem())
		case reflect.Map:
			walk(t.Key())
			walk(t.Elem())
		case reflect.Struct:
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() {
					walk(f.Type)
				}
			}
		}
	}
	walk(t)
	return k
}

var (
	gobEncoder    = reflect.TypeFor[gob.GobEncoder]()
	binaryMarshal = reflect.TypeFor[encoding.BinaryMarshaler]()
	textMarshal   = reflect.TypeFor[encoding.TextMarshaler]()
)

// encodesItself reports whether gob would call a method of t's to encode it.
func encodesItself(t reflect.Type) bool {
	for _, m := range []reflect.Type{gobEncoder, binaryMarshal, textMarshal} {
		if t.Implements(m) || reflect.PointerTo(t).Implements(m) {
			return true
		}
	}
	return false
}

// checkValues reports why some of values (a slice of a type of shape k)
// cannot cross between processes, naming the first bad one as n names it
// and the path inside it: "args[1] is a nil *int". It is quiet, and costs
// nothing, for a type whose values always cross.
func checkValues(values any, k kinds, n naming) error {
	if !k.mayFail && !k.recursive {
		return nil
	}
	v := reflect.ValueOf(values)
	if k.recursive {
		for i := range v.Len() {
			if tooDeep(v.Index(i)) {
				return fmt.Errorf("%s is nested more than %d levels deep (or refers back to itself): encoding/gob "+
					"encodes nested values by recursion, and would overflow the stack; flatten it (a slice of nodes "+
					"with indexes instead of pointers)", n.name(i), maxDepth)
			}
		}
	}
	err := trialEncode(values)
	if err == nil {
		return nil
	}
	for i := range v.Len() {
		if why := explain(v.Index(i), n.name(i), true); why != "" {
			return fmt.Errorf("%s (%w)", why, err)
		}
	}
	return err
}

// trialEncode encodes v to nowhere: a value that cannot cross fails here,
// before anything is sent. gob panics instead of failing on a few inputs
// (a nil pointer at the top); that is a failure too.
func trialEncode(v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("gob: %v", r)
		}
	}()
	return gob.NewEncoder(io.Discard).Encode(v)
}

// explain finds the part of v that gob cannot encode and says what it is.
// element says v sits in a slice, array or map, where a nil pointer is an
// error (in a struct field, gob leaves it out).
func explain(v reflect.Value, path string, element bool) string {
	t := v.Type()
	switch {
	case t.Kind() == reflect.Pointer && v.IsNil():
		if element {
			return fmt.Sprintf("%s is a nil %v: encoding/gob cannot send a nil pointer in a slice, array or map "+
				"(nor as a whole argument or result); send a value, or leave the nil out", path, t)
		}
		return ""
	case encodesItself(t):
		if err := trialEncode(v.Interface()); err != nil {
			return fmt.Sprintf("%s (a %v) failed to encode itself", path, t)
		}
		return ""
	}
	switch t.Kind() {
	case reflect.Pointer:
		return explain(v.Elem(), path, false)
	case reflect.Interface:
		if v.IsNil() {
			return ""
		}
		holder := reflect.New(t)
		holder.Elem().Set(v)
		if err := trialEncode(holder.Interface()); err != nil && !registered(v.Elem().Type()) {
			return fmt.Sprintf("%s holds a %v, a type encoding/gob does not know: call gob.Register(%v{}) "+
				"at start-up (in an init function), in every process", path, v.Elem().Type(), v.Elem().Type())
		}
		return explain(v.Elem(), path, false)
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if why := explain(v.Index(i), fmt.Sprintf("%s[%d]", path, i), true); why != "" {
				return why
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if why := explain(iter.Value(), fmt.Sprintf("%s[%v]", path, iter.Key()), true); why != "" {
				return why
			}
		}
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				if why := explain(v.Field(i), path+"."+f.Name, false); why != "" {
					return why
				}
			}
		}
	}
	return ""
}

// registered reports whether gob can name t inside an interface.
func registered(t reflect.Type) bool {
	var holder any = reflect.Zero(t).Interface()
	return trialEncode(&holder) == nil
}

// tooDeep walks v without recursion and reports whether a part of it is
// nested deeper than maxDepth.
func tooDeep(v reflect.Value) bool {
	type step struct {
		v     reflect.Value
		depth int
	}
	stack := []step{{v, 0}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.depth > maxDepth {
			return true
		}
		v := s.v
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				stack = append(stack, step{v.Elem(), s.depth + 1})
			}
		case reflect.Slice, reflect.Array:
			if v.Kind() == reflect.Slice && v.IsNil() {
				continue
			}
			for i := range v.Len() {
				stack = append(stack, step{v.Index(i), s.depth + 1})
			}
		case reflect.Map:
			iter := v.MapRange()
			for iter.Next() {
				stack = append(stack, step{iter.Value(), s.depth + 1})
			}
		case reflect.Struct: // a field is not a level: the pointer or slice in it is
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					stack = append(stack, step{v.Field(i), s.depth})
				}
			}
		}
	}
	return false
}

// naming says what the values of a slice are called in errors: root[0],
// root[1], ... (indexed), or root for the one value of a slice of one.
type naming struct {
	root    string
	indexed bool
}

func (n naming) name(i int) string {
	if n.indexed {
		return fmt.Sprintf("%s[%d]", n.root, i)
	}
	return n.root
}

// indexed names the values of a slice root[0], root[1], ...
func indexed(root string) naming { return naming{root, true} }

// alone names the one value of a slice of one.
func alone(name string) naming { return naming{root: name} }
