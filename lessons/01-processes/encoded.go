package processes

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"slices"
)

// EncodeArgs encodes args for a worker that is not a child of this
// program but takes its tasks off a network (lesson 06's, on NATS): a
// chunk of arguments in encoding/gob, after the checks Map makes (the
// function was registered at start-up, and every argument can cross).
// RunEncoded runs it on the other side; DecodeResults reads the answer.
func (f *Func[A, R]) EncodeArgs(args ...A) ([]byte, error) {
	if err := f.Sendable(args...); err != nil {
		return nil, fmt.Errorf("processes: encode the arguments of %s: %w", f.Name(), err)
	}
	data, err := encodeList(args)
	if err != nil {
		return nil, fmt.Errorf("processes: encode the arguments of %s: %w", f.name, err)
	}
	return data, nil
}

// RunEncoded runs the function registered as name on each of the
// arguments that EncodeArgs encoded, one after the other, in this process,
// and returns their results encoded for DecodeResults: what a worker does
// with a task that came over a network. A panic or an error fails only its
// argument's result. It returns an error, and runs nothing, if this
// program has no function registered as name (ErrNotRegistered) or the
// arguments cannot be decoded as that function's.
func RunEncoded(ctx context.Context, name string, args []byte) ([]byte, error) {
	r, ok := lookup(name)
	if !ok {
		return nil, fmt.Errorf("processes: run %s: %w in this program: "+
			"register it in a package-level variable of a package the worker's program imports", name, ErrNotRegistered)
	}
	return r.(encodedRunner).runEncoded(ctx, args)
}

// DecodeResults decodes what RunEncoded returned: one result and one
// error for each argument, in order. worker names the process that ran
// them in those errors (a *RemoteError's or *PanicError's Name).
func (f *Func[A, R]) DecodeResults(data []byte, worker string) ([]R, []error, error) {
	fail := func(err error) ([]R, []error, error) {
		return nil, nil, fmt.Errorf("processes: decode the results of %s from %s: %w", f.Name(), worker, err)
	}
	if len(data) > 0 && data[0] == withErrors {
		var items []item[R]
		if err := decode(data[1:], &items); err != nil {
			return fail(err)
		}
		values, errs := make([]R, len(items)), make([]error, len(items))
		for i, it := range items {
			values[i], errs[i] = it.Value, it.Err.toError(worker, f.name)
		}
		return values, errs, nil
	}
	values, err := decodeList[R](data)
	if err != nil {
		return fail(err)
	}
	return values, make([]error, len(values)), nil
}

// What encoded arguments and results start with: a byte that says what
// follows. encoding/gob describes every type but the basic ones anew in
// each message, and that description costs more to read than the values
// (15 µs for a []int of one, 1.3 µs for an int): so one value goes alone,
// and results with no error go without the error's type.
const (
	oneValue   byte = '1' // a single value
	valuesOnly byte = 'v' // a slice of values
	withErrors byte = 'e' // results as items: values and errors
)

// encodeList encodes vs as oneValue or valuesOnly.
func encodeList[T any](vs []T) ([]byte, error) {
	var buf bytes.Buffer
	var v any = vs
	if len(vs) == 1 {
		buf.WriteByte(oneValue)
		v = &vs[0]
	} else {
		buf.WriteByte(valuesOnly)
	}
	if err := encodeValue(gob.NewEncoder(&buf), v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// decodeList decodes what encodeList encoded.
func decodeList[T any](data []byte) ([]T, error) {
	if len(data) == 0 {
		return nil, errors.New("no data")
	}
	switch data[0] {
	case oneValue:
		vs := make([]T, 1)
		return vs, decode(data[1:], &vs[0])
	case valuesOnly:
		var vs []T
		return vs, decode(data[1:], &vs)
	}
	return nil, fmt.Errorf("unknown format %#x (not encoded by this package)", data[0])
}

// encodedRunner is what RunEncoded needs of a registered function: every
// *Func is one.
type encodedRunner interface {
	runEncoded(ctx context.Context, args []byte) ([]byte, error)
}

func (f *Func[A, R]) runEncoded(ctx context.Context, data []byte) ([]byte, error) {
	in, err := decodeList[A](data)
	if err != nil {
		return nil, fmt.Errorf("processes: run %s: decode its arguments: %w", f.name, err)
	}
	results, _ := f.run(ctx, in)
	out := results.([]item[R])
	var encoded []byte
	if slices.ContainsFunc(out, func(it item[R]) bool { return it.Err != nil }) {
		var buf bytes.Buffer
		buf.WriteByte(withErrors)
		err, encoded = encodeValue(gob.NewEncoder(&buf), out), buf.Bytes()
	} else {
		values := make([]R, len(out))
		for i, it := range out {
			values[i] = it.Value
		}
		encoded, err = encodeList(values)
	}
	if err != nil {
		return nil, fmt.Errorf("processes: run %s: encode its results: %w", f.name, err)
	}
	return encoded, nil
}
