// Command cmd-cancel stops other programs the way production Go code does,
// with the standard library's own ladder: exec.CommandContext stops the
// program when its context ends, Cmd.Cancel says how (SIGTERM here, where
// the default is SIGKILL), and Cmd.WaitDelay is the grace period, after
// which os/exec kills it. Three programs: one that SIGTERM ends, one that
// handles SIGTERM and cleans up, and one that ignores it.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// run runs the shell script, stops it 100ms in, and says how it ended.
func run(name, script string) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", script)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) } // rung 2, instead of SIGKILL
	cmd.WaitDelay = 500 * time.Millisecond                                   // the grace period, then SIGKILL
	var out strings.Builder
	cmd.Stdout = &out
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start).Round(10 * time.Millisecond)
	fmt.Printf("%-16s stopped after %-6v Run: %v", name, took, err)
	if errors.Is(err, context.DeadlineExceeded) {
		fmt.Print(" (it exited 0 once stopped: Run says why it was stopped)")
	}
	if s := strings.TrimSpace(out.String()); s != "" {
		fmt.Printf(" | it said: %s", s)
	}
	fmt.Println()
}

func main() {
	if _, err := exec.LookPath("sh"); err != nil {
		fmt.Fprintln(os.Stderr, "this example needs sh:", err)
		os.Exit(1)
	}
	run("dies on SIGTERM", "exec sleep 10")
	run("handles SIGTERM", `trap 'echo saved my work; exit 0' TERM; while :; do sleep 0.01; done`)
	run("ignores SIGTERM", `trap '' TERM; exec sleep 10`)
}
