//go:build unix && !linux

package children

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

var osGetpid = os.Getpid

// list asks ps for every process and keeps those whose parent is ppid,
// leaving out the ps process itself.
func list(ppid int) ([]Child, error) {
	cmd := exec.Command("ps", "-A", "-o", "pid=,ppid=,state=,comm=")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("list processes with ps: %w", err)
	}
	var cs []Child
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		pid, err1 := strconv.Atoi(f[0])
		parent, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil || parent != ppid || pid == cmd.Process.Pid {
			continue
		}
		cs = append(cs, Child{PID: pid, State: f[2], Command: strings.Join(f[3:], " ")})
	}
	return cs, nil
}
