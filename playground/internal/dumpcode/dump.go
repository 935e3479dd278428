// Package dumpcode writes values as the playground's wire.Dump JSON, for a
// compiled cell to start from copies of the session's variables and to
// give back what it changed. The worker calls PgDump; export copies this
// file's declarations into a compiled cell's program, which is why every
// import has an alias and every name starts with Pg: they must not clash
// with the learner's.
package dumpcode

import (
	__djson "encoding/json"
	__dfmt "fmt"
	__dos "os"
	__dreflect "reflect"
	__dstrconv "strconv"
)

// PgValue is wire.Value: see there.
type PgValue struct {
	Kind  string    `json:"k"`
	Text  string    `json:"t,omitempty"`
	Elems []PgValue `json:"e,omitempty"`
	Nil   bool      `json:"n,omitempty"`
}

// PgDumped is wire.Dump.
type PgDumped struct {
	Values []PgValue `json:"values,omitempty"`
	Err    string    `json:"err,omitempty"`
}

// PgDumpLimit bounds the values a dump writes: a copy is for the values a
// learner types, not for a million elements.
const PgDumpLimit = 100_000

// PgDump writes vals to the file at path, as a PgDumped in JSON.
func PgDump(path string, vals ...any) {
	var d PgDumped
	n := 0
	for _, v := range vals {
		val, err := PgDumpValue(__dreflect.ValueOf(v), &n, 0)
		if err != nil {
			d = PgDumped{Err: err.Error()}
			break
		}
		d.Values = append(d.Values, val)
	}
	data, err := __djson.Marshal(d)
	if err != nil {
		data, _ = __djson.Marshal(PgDumped{Err: err.Error()})
	}
	_ = __dos.WriteFile(path, data, 0o600)
}

// PgDumpValue describes v; n counts the values so far, depth the nesting.
func PgDumpValue(v __dreflect.Value, n *int, depth int) (PgValue, error) {
	*n++
	if *n > PgDumpLimit || depth > 100 {
		return PgValue{}, __dfmt.Errorf("the value is too big to copy (more than %d values, or nested more than 100 deep)", PgDumpLimit)
	}
	if !v.IsValid() {
		return PgValue{Kind: "interface", Nil: true}, nil
	}
	out := PgValue{Kind: v.Kind().String()}
	switch v.Kind() {
	case __dreflect.Bool:
		out.Text = __dstrconv.FormatBool(v.Bool())
	case __dreflect.Int, __dreflect.Int8, __dreflect.Int16, __dreflect.Int32, __dreflect.Int64:
		out.Text = __dstrconv.FormatInt(v.Int(), 10)
	case __dreflect.Uint, __dreflect.Uint8, __dreflect.Uint16, __dreflect.Uint32, __dreflect.Uint64, __dreflect.Uintptr:
		out.Text = __dstrconv.FormatUint(v.Uint(), 10)
	case __dreflect.Float32, __dreflect.Float64:
		out.Text = __dstrconv.FormatFloat(v.Float(), 'g', -1, v.Type().Bits())
	case __dreflect.Complex64, __dreflect.Complex128:
		out.Text = __dstrconv.FormatComplex(v.Complex(), 'g', -1, v.Type().Bits())
	case __dreflect.String:
		out.Text = v.String()
	case __dreflect.Pointer, __dreflect.Interface:
		if v.IsNil() {
			out.Nil = true
			return out, nil
		}
		e, err := PgDumpValue(v.Elem(), n, depth+1)
		if err != nil {
			return out, err
		}
		out.Elems = []PgValue{e}
	case __dreflect.Slice, __dreflect.Array:
		if v.Kind() == __dreflect.Slice && v.IsNil() {
			out.Nil = true
			return out, nil
		}
		for i := 0; i < v.Len(); i++ {
			e, err := PgDumpValue(v.Index(i), n, depth+1)
			if err != nil {
				return out, err
			}
			out.Elems = append(out.Elems, e)
		}
	case __dreflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			e, err := PgDumpValue(v.Field(i), n, depth+1)
			if err != nil {
				return out, err
			}
			out.Elems = append(out.Elems, e)
		}
	case __dreflect.Map:
		if v.IsNil() {
			out.Nil = true
			return out, nil
		}
		it := v.MapRange()
		for it.Next() {
			k, err := PgDumpValue(it.Key(), n, depth+1)
			if err != nil {
				return out, err
			}
			e, err := PgDumpValue(it.Value(), n, depth+1)
			if err != nil {
				return out, err
			}
			out.Elems = append(out.Elems, k, e)
		}
	case __dreflect.Chan, __dreflect.Func, __dreflect.UnsafePointer:
		out.Nil = v.IsNil()
	}
	return out, nil
}
