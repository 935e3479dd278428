package processes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What lesson 06's workers do with a task off the network: encode the
// arguments here, run them there, decode the results here.
func TestEncodedTasksRoundTrip(t *testing.T) {
	args, err := square.EncodeArgs(2, 3)
	require.NoError(t, err)
	out, err := RunEncoded(t.Context(), square.Name(), args)
	require.NoError(t, err)
	assert.Equal(t, valuesOnly, out[0], "no error: only the values are encoded")
	values, errs, err := square.DecodeResults(out, "worker-1")
	require.NoError(t, err)
	assert.Equal(t, []int{4, 9}, values)
	assert.Equal(t, []error{nil, nil}, errs)

	args, err = square.EncodeArgs(7)
	require.NoError(t, err)
	assert.Equal(t, oneValue, args[0], "one argument goes alone, not in a slice")
	out, err = RunEncoded(t.Context(), square.Name(), args)
	require.NoError(t, err)
	assert.Equal(t, oneValue, out[0])
	values, _, err = square.DecodeResults(out, "worker-1")
	require.NoError(t, err)
	assert.Equal(t, []int{49}, values)
}

func TestEncodedTasksKeepEachArgumentsError(t *testing.T) {
	args, err := failing.EncodeArgs(1, -1)
	require.NoError(t, err)
	out, err := RunEncoded(t.Context(), failing.Name(), args)
	require.NoError(t, err)
	assert.Equal(t, withErrors, out[0])
	values, errs, err := failing.DecodeResults(out, "worker-1")
	require.NoError(t, err)
	require.Len(t, values, 2)
	require.Len(t, errs, 2)
	require.Error(t, errs[1])
	var remote *RemoteError
	require.ErrorAs(t, errs[1], &remote)
	assert.Equal(t, "worker-1", remote.Name)

	args, err = panicking.EncodeArgs("boom")
	require.NoError(t, err)
	out, err = RunEncoded(t.Context(), panicking.Name(), args)
	require.NoError(t, err)
	_, errs, err = panicking.DecodeResults(out, "worker-2")
	require.NoError(t, err)
	var p *PanicError
	require.ErrorAs(t, errs[0], &p)
	assert.Contains(t, p.Error(), "boom")
}

func TestEncodedTasksRefuseWhatIsNotTheirs(t *testing.T) {
	_, err := RunEncoded(t.Context(), "test.nosuchfunc", nil)
	require.ErrorIs(t, err, ErrNotRegistered)

	_, err = RunEncoded(t.Context(), square.Name(), []byte("not gob"))
	require.ErrorContains(t, err, "decode its arguments")

	for _, data := range [][]byte{nil, []byte("x"), {valuesOnly, 1, 2}} {
		_, _, err := square.DecodeResults(data, "worker-1")
		require.ErrorContains(t, err, "processes: decode the results of test.square from worker-1", "%q", data)
	}
}
