package lessontest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

// Listening lists the TCP sockets this process has open in the LISTEN
// state, as local addresses in /proc's hex ("0100007F:A1B2"); nil where
// /proc is not there.
func Listening() []string {
	fds, _ := filepath.Glob("/proc/self/fd/*")
	mine := map[string]bool{}
	for _, fd := range fds {
		if link, err := os.Readlink(fd); err == nil && strings.HasPrefix(link, "socket:[") {
			mine[strings.Trim(link[len("socket:"):], "[]")] = true
		}
	}
	var out []string
	for _, table := range []string{"/proc/self/net/tcp", "/proc/self/net/tcp6"} {
		data, err := os.ReadFile(table)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n")[1:] {
			f := strings.Fields(line)
			if len(f) > 9 && f[3] == "0A" && mine[f[9]] {
				out = append(out, f[1])
			}
		}
	}
	return out
}

// MainNoListeners is Main for a package whose tests start servers (lesson
// 06's NATS servers): it also fails the run if a test left a socket
// listening.
func MainNoListeners(m *testing.M, opts ...goleak.Option) {
	if _, ok := os.LookupEnv("GORACE"); !ok {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	code := run(m, os.Stderr, opts...)
	if code == 0 {
		if socks := Listening(); len(socks) > 0 {
			fmt.Fprintf(os.Stderr, "a test left sockets listening (a server not shut down): %v\n", socks)
			code = 1
		}
	}
	os.Exit(code)
}
