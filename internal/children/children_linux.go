package children

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

var osGetpid = os.Getpid

// list reads /proc/<pid>/stat for every process and keeps those whose
// parent is ppid.
func list(ppid int) ([]Child, error) {
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		return nil, fmt.Errorf("list /proc: %w", err)
	}
	var out []Child
	for _, path := range stats {
		data, err := os.ReadFile(path)
		if err != nil {
			continue // the process ended while we looked
		}
		c, parent, ok := parseStat(string(data))
		if ok && parent == ppid {
			out = append(out, c)
		}
	}
	return out, nil
}

// parseStat parses "pid (comm) state ppid ..." from /proc/<pid>/stat. The
// command may itself contain spaces and parentheses, so it is everything
// between the first "(" and the last ")".
func parseStat(s string) (c Child, ppid int, ok bool) {
	open, closing := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || closing < open {
		return Child{}, 0, false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(s[:open]))
	if err != nil {
		return Child{}, 0, false
	}
	rest := strings.Fields(s[closing+1:])
	if len(rest) < 2 {
		return Child{}, 0, false
	}
	ppid, err = strconv.Atoi(rest[1])
	if err != nil {
		return Child{}, 0, false
	}
	return Child{PID: pid, State: rest[0], Command: s[open+1 : closing]}, ppid, true
}
