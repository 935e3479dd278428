package processes

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The inbox keeps events in the order they were put, says there is news
// once however many wait, and after close refuses more and hands back
// what was left, so that the dispatcher can answer it.
func TestTheInboxKeepsOrderAndRefusesAfterClose(t *testing.T) {
	b := newInbox()
	require.True(t, b.put(closeEvent{}))
	require.True(t, b.put(exitEvent{}))
	require.Len(t, b.wake, 1, "one wake-up for both")
	<-b.wake
	got := b.take(nil)
	assert.Equal(t, []poolEvent{closeEvent{}, exitEvent{}}, got)
	assert.Empty(t, b.take(got[:0]))

	require.True(t, b.put(closeEvent{}))
	assert.Equal(t, []poolEvent{closeEvent{}}, b.close())
	assert.False(t, b.put(exitEvent{}), "the dispatcher has finished")
	assert.Empty(t, b.close())
}
