package reexec

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/fds"
	"github.com/gophertutor/concurrency/internal/lessontest"
)

const childEnv = "REEXEC_TEST_CHILD"

// TestMain lets the test binary, started again by a test, be the child:
// it reads a line from fd 3 and writes it back in capitals to fd 4.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		in, out := os.NewFile(3, "from-parent"), os.NewFile(4, "to-parent")
		line, _ := bufio.NewReader(in).ReadString('\n')
		fmt.Fprint(out, strings.ToUpper(line))
		os.Exit(0)
	}
	lessontest.Main(m)
}

func TestThePipesReachTheChildAndBack(t *testing.T) {
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	ends, err := Start(cmd, ToChild, FromChild)
	require.NoError(t, err)
	require.Len(t, ends, 2)
	toChild, fromChild := ends[0], ends[1]
	_, err = fmt.Fprintln(toChild, "hello")
	require.NoError(t, err)
	require.NoError(t, toChild.Close())
	got, err := io.ReadAll(fromChild) // end-of-file once the child exits: the parent holds no copy of its end
	require.NoError(t, err)
	require.NoError(t, fromChild.Close())
	assert.Equal(t, "HELLO\n", string(got))
	require.NoError(t, cmd.Wait())
}

func TestAFailedStartClosesEverything(t *testing.T) {
	before, err := fds.Open()
	if errors.Is(err, fds.ErrUnsupported) {
		t.Skip(err)
	}
	require.NoError(t, err)
	cmd := exec.Command("/no/such/program")
	ends, err := Start(cmd, FromChild, ToChild)
	require.ErrorContains(t, err, "reexec: ")
	assert.Nil(t, ends)
	assert.Nil(t, cmd.ExtraFiles)
	assert.Empty(t, fds.Since(before), "no end of a pipe is left open")

	cmd = exec.Command("/no/such/program")
	cmd.ExtraFiles = []*os.File{os.Stdin}
	_, err = Start(cmd, FromChild)
	assert.ErrorContains(t, err, "already has extra files")
}
