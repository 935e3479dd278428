package export

import (
	"fmt"
	"go/types"
	"math"
	"strconv"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// Literal writes v, a value the worker dumped, as a Go expression of type
// t, so that a compiled program starts with a copy of a session variable.
// q names the packages of t's named types. A value that a literal cannot
// rebuild is an error that says why: a channel, a function or a non-nil
// interface (what it holds lives in the interpreter), a type of another
// package with unexported fields, a float that is not a number.
func Literal(t types.Type, v wire.Value, q types.Qualifier) (string, error) {
	l := literal{q: q}
	return l.expr(t, v)
}

type literal struct{ q types.Qualifier }

func (l literal) typ(t types.Type) string { return types.TypeString(t, l.q) }

// say names t in a message: by its packages' names.
func say(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		return p.Name()
	})
}

// zero reports whether v is its type's zero value.
func zero(v wire.Value) bool {
	if v.Nil {
		return true
	}
	switch v.Kind {
	case "bool":
		return v.Text == "false"
	case "string":
		return v.Text == ""
	case "ptr", "interface", "slice", "map", "chan", "func":
		return false // not nil
	}
	if v.Text != "" {
		f, err := strconv.ParseFloat(v.Text, 64)
		if err == nil {
			return f == 0
		}
		c, err := strconv.ParseComplex(v.Text, 128)
		return err == nil && c == 0
	}
	for _, e := range v.Elems {
		if !zero(e) {
			return false
		}
	}
	return true
}

func (l literal) expr(t types.Type, v wire.Value) (string, error) {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		s, err := l.basic(u, v)
		if err != nil {
			return "", err
		}
		if _, plain := t.(*types.Basic); plain {
			return s, nil // the variable's declaration gives the type
		}
		return l.typ(t) + "(" + s + ")", nil
	case *types.Pointer:
		if v.Nil || len(v.Elems) != 1 {
			return "(" + l.typ(t) + ")(nil)", nil
		}
		elem, err := l.expr(u.Elem(), v.Elems[0])
		if err != nil {
			return "", err
		}
		if _, isStruct := u.Elem().Underlying().(*types.Struct); isStruct && types.Identical(t, types.NewPointer(u.Elem())) {
			return "&" + elem, nil
		}
		return "func() " + l.typ(t) + " { v := " + elem + "; return &v }()", nil
	case *types.Struct:
		if zero(v) {
			return l.typ(t) + "{}", nil
		}
		if err := l.constructible(t, u); err != nil {
			return "", err
		}
		if len(v.Elems) != u.NumFields() {
			return "", fmt.Errorf("%s has %d fields in the interpreter, not %d", say(t), len(v.Elems), u.NumFields())
		}
		parts := make([]string, u.NumFields())
		for i := range u.NumFields() {
			s, err := l.expr(u.Field(i).Type(), v.Elems[i])
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return l.typ(t) + "{" + strings.Join(parts, ", ") + "}", nil
	case *types.Slice:
		if v.Nil {
			return l.typ(t) + "(nil)", nil
		}
		return l.elems(t, u.Elem(), v.Elems)
	case *types.Array:
		return l.elems(t, u.Elem(), v.Elems)
	case *types.Map:
		if v.Nil {
			return l.typ(t) + "(nil)", nil
		}
		parts := make([]string, 0, len(v.Elems)/2)
		for i := 0; i+1 < len(v.Elems); i += 2 {
			k, err := l.expr(u.Key(), v.Elems[i])
			if err != nil {
				return "", err
			}
			e, err := l.expr(u.Elem(), v.Elems[i+1])
			if err != nil {
				return "", err
			}
			parts = append(parts, k+": "+e)
		}
		return l.typ(t) + "{" + strings.Join(parts, ", ") + "}", nil
	case *types.Interface:
		if v.Nil {
			return l.typ(t) + "(nil)", nil
		}
		return "", fmt.Errorf("it holds a value of an interface type (%s), which a compiled program cannot be given", say(t))
	case *types.Chan, *types.Signature:
		if v.Nil {
			return "(" + l.typ(t) + ")(nil)", nil
		}
		return "", fmt.Errorf("it holds a %s, which lives in the interpreter", kindWord(u))
	}
	return "", fmt.Errorf("a compiled program cannot be given a value of type %s", say(t))
}

func kindWord(t types.Type) string {
	if _, ok := t.(*types.Chan); ok {
		return "channel"
	}
	return "function"
}

// constructible fails for a struct a literal cannot build: one of another
// package with unexported fields (a time.Time, a sync.Mutex).
func (l literal) constructible(t types.Type, s *types.Struct) error {
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() == "main" {
		return nil
	}
	for i := range s.NumFields() {
		if !s.Field(i).Exported() {
			return fmt.Errorf("it holds a %s that is not its zero value, whose unexported fields a compiled program cannot set", say(t))
		}
	}
	return nil
}

func (l literal) elems(t, elem types.Type, vs []wire.Value) (string, error) {
	parts := make([]string, len(vs))
	for i, e := range vs {
		s, err := l.expr(elem, e)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return l.typ(t) + "{" + strings.Join(parts, ", ") + "}", nil
}

func (l literal) basic(b *types.Basic, v wire.Value) (string, error) {
	switch {
	case b.Info()&types.IsString != 0:
		return strconv.Quote(v.Text), nil
	case b.Info()&types.IsBoolean != 0:
		if v.Text != "true" && v.Text != "false" {
			return "", fmt.Errorf("bad bool %q", v.Text)
		}
		return v.Text, nil
	case b.Info()&types.IsFloat != 0:
		f, err := strconv.ParseFloat(v.Text, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return "", fmt.Errorf("it holds %s, which a literal cannot write", v.Text)
		}
		return v.Text, nil
	case b.Info()&types.IsComplex != 0:
		c, err := strconv.ParseComplex(v.Text, 128)
		if err != nil {
			return "", fmt.Errorf("it holds %s, which a literal cannot write", v.Text)
		}
		return fmt.Sprintf("complex(%s, %s)", strconv.FormatFloat(real(c), 'g', -1, 64), strconv.FormatFloat(imag(c), 'g', -1, 64)), nil
	case b.Info()&types.IsInteger != 0:
		if v.Text == "" {
			return "", fmt.Errorf("no number in the dump")
		}
		return v.Text, nil
	case b.Kind() == types.UnsafePointer:
		return "", fmt.Errorf("it holds an unsafe.Pointer")
	}
	return "", fmt.Errorf("a compiled program cannot be given a value of type %s", b)
}
