package check

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// lingerEnv, in a child's environment, names a Unix socket: the child does
// its task (in a process of its own, which writes the report to the pipe),
// and then, instead of exiting, waits until the check releases it through
// that socket, as a child that has more to do after its report would.
// Exercise 2's check sets it to tell an answer that waits for its child from
// one that returns once the report is in (the child reaped, or not, by a
// goroutine nobody waits for), and to see that cancelling ctx kills a child.
const lingerEnv = "OVERVIEW_CHECK_LINGER_CHILD"

// lingerChild is a child under lingerEnv. Its task runs in a process of its
// own (this program again, without lingerEnv), which inherits the pipe's
// write end and the child's output; once that process has exited, the
// child holds on until the check lets it go (or for a minute at most, or
// until it is killed), and exits with the task's status.
func lingerChild(socket string) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "lingering child:", err)
		return 4
	}
	task := exec.Command(exe)
	task.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, lingerEnv+"=") })
	task.Stdout, task.Stderr = os.Stdout, os.Stderr
	report := os.NewFile(3, "report") // the parent's pipe
	task.ExtraFiles = []*os.File{report}
	if err := task.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "lingering child:", err)
		return 4
	}
	report.Close() // the task's copy is the only one: the parent reads to its end
	code := 0
	if err := task.Wait(); err != nil {
		code = 4
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		}
	}
	if conn, err := net.DialTimeout("unix", socket, time.Second); err == nil {
		_ = conn.SetReadDeadline(time.Now().Add(time.Minute))
		_, _ = io.Copy(io.Discard, conn) // until the check closes it
		conn.Close()
	}
	return code
}

// childHold is the check's end of lingerEnv: a Unix socket where the
// lingering children wait until release (or close) is called.
type childHold struct {
	dir      string
	ln       net.Listener
	released chan struct{}
	release  func() // lets every lingering child go, those waiting and those to come
	wg       sync.WaitGroup
}

// holdChildren listens on a new socket; its path is for lingerEnv.
func holdChildren() (*childHold, error) {
	dir, err := os.MkdirTemp("", "overview-check-")
	if err != nil {
		return nil, fmt.Errorf("check: hold children: %w", err)
	}
	ln, err := net.Listen("unix", filepath.Join(dir, "hold"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("check: hold children: %w", err)
	}
	h := &childHold{dir: dir, ln: ln, released: make(chan struct{})}
	h.release = sync.OnceFunc(func() { close(h.released) })
	h.wg.Go(h.serve)
	return h, nil
}

func (h *childHold) path() string { return h.ln.Addr().String() }

// serve holds each lingering child that reaches the socket until release.
func (h *childHold) serve() {
	for {
		conn, err := h.ln.Accept()
		if err != nil {
			return // closed
		}
		h.wg.Go(func() {
			<-h.released
			conn.Close()
		})
	}
}

// close releases the children and stops listening.
func (h *childHold) close() {
	h.release()
	h.ln.Close()
	h.wg.Wait()
	os.RemoveAll(h.dir)
}
