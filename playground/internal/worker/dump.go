package worker

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strconv"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// dumpLimit bounds the values a dump writes: a copy into a compiled
// program is for the values a learner types, not for a million elements.
const dumpLimit = 100_000

// dump is the helper wire.DumpFunc: it writes vals to the file at path.
func dump(path string, vals ...any) {
	var d wire.Dump
	n := 0
	for _, v := range vals {
		val, err := dumpValue(reflect.ValueOf(v), &n, 0)
		if err != nil {
			d = wire.Dump{Err: err.Error()}
			break
		}
		d.Values = append(d.Values, val)
	}
	data, err := json.Marshal(d)
	if err != nil {
		data, _ = json.Marshal(wire.Dump{Err: err.Error()})
	}
	_ = os.WriteFile(path, data, 0o600)
}

// dumpValue describes v; n counts the values so far, depth the nesting.
func dumpValue(v reflect.Value, n *int, depth int) (wire.Value, error) {
	*n++
	if *n > dumpLimit || depth > 100 {
		return wire.Value{}, fmt.Errorf("the value is too big to copy (more than %d values, or nested more than 100 deep)", dumpLimit)
	}
	if !v.IsValid() {
		return wire.Value{Kind: "interface", Nil: true}, nil
	}
	out := wire.Value{Kind: v.Kind().String()}
	switch v.Kind() {
	case reflect.Bool:
		out.Text = strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		out.Text = strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		out.Text = strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		out.Text = strconv.FormatFloat(v.Float(), 'g', -1, v.Type().Bits())
	case reflect.Complex64, reflect.Complex128:
		out.Text = strconv.FormatComplex(v.Complex(), 'g', -1, v.Type().Bits())
	case reflect.String:
		out.Text = v.String()
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			out.Nil = true
			return out, nil
		}
		e, err := dumpValue(v.Elem(), n, depth+1)
		if err != nil {
			return out, err
		}
		out.Elems = []wire.Value{e}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			out.Nil = true
			return out, nil
		}
		for i := range v.Len() {
			e, err := dumpValue(v.Index(i), n, depth+1)
			if err != nil {
				return out, err
			}
			out.Elems = append(out.Elems, e)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			e, err := dumpValue(v.Field(i), n, depth+1)
			if err != nil {
				return out, err
			}
			out.Elems = append(out.Elems, e)
		}
	case reflect.Map:
		if v.IsNil() {
			out.Nil = true
			return out, nil
		}
		it := v.MapRange()
		for it.Next() {
			k, err := dumpValue(it.Key(), n, depth+1)
			if err != nil {
				return out, err
			}
			e, err := dumpValue(it.Value(), n, depth+1)
			if err != nil {
				return out, err
			}
			out.Elems = append(out.Elems, k, e)
		}
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		out.Nil = v.IsNil()
	}
	return out, nil
}
