package processes

import (
	"bytes"
	"context"
	"encoding/gob"
	"fmt"
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
	var buf bytes.Buffer
	if err := encodeValue(gob.NewEncoder(&buf), args); err != nil {
		return nil, fmt.Errorf("processes: encode the arguments of %s: %w", f.name, err)
	}
	return buf.Bytes(), nil
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
	var items []item[R]
	if err := decode(data, &items); err != nil {
		return nil, nil, fmt.Errorf("processes: decode the results of %s from %s: %w", f.Name(), worker, err)
	}
	values, errs := make([]R, len(items)), make([]error, len(items))
	for i, it := range items {
		values[i], errs[i] = it.Value, it.Err.toError(worker, f.name)
	}
	return values, errs, nil
}

// encodedRunner is what RunEncoded needs of a registered function: every
// *Func is one.
type encodedRunner interface {
	runEncoded(ctx context.Context, args []byte) ([]byte, error)
}

func (f *Func[A, R]) runEncoded(ctx context.Context, data []byte) ([]byte, error) {
	var in []A
	if err := decode(data, &in); err != nil {
		return nil, fmt.Errorf("processes: run %s: decode its arguments: %w", f.name, err)
	}
	out, _ := f.run(ctx, in)
	var buf bytes.Buffer
	if err := encodeValue(gob.NewEncoder(&buf), out); err != nil {
		return nil, fmt.Errorf("processes: run %s: encode its results: %w", f.name, err)
	}
	return buf.Bytes(), nil
}
