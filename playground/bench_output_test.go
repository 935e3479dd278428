package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// Terminal output, against cat writing the same lines to the same kind of
// pseudo-terminal. Each op is outputLines ten-byte lines; ms/1M-lines is
// what a million take:
//
//	go test -run '^$' -bench TerminalOutput -benchtime 20x ./playground
//
// cat's terminal is cooked: the kernel turns each "\n" into "\r\n". The
// playground's is raw: it writes the "\r\n" itself. A Println per line is
// a write per line to the terminal, in a compiled Go program as in the
// playground (os.Stdout is not buffered); compiled-println measures that.
const outputLines = 100_000

func BenchmarkTerminalOutput(b *testing.B) {
	lines := filepath.Join(b.TempDir(), "lines.txt")
	if err := os.WriteFile(lines, []byte(strings.Repeat("123456789\n", outputLines)), 0o644); err != nil {
		b.Fatal(err)
	}
	b.Run("cat", func(b *testing.B) {
		for range b.N {
			drainCommand(b, exec.Command("cat", lines))
		}
		reportPerMillionLines(b)
	})
	b.Run("compiled-println", func(b *testing.B) {
		exe := buildProgram(b, `package main

import "fmt"

func main() {
	for range `+itoa(outputLines)+` {
		fmt.Println("123456789")
	}
}
`)
		b.ResetTimer()
		for range b.N {
			drainCommand(b, exec.Command(exe))
		}
		reportPerMillionLines(b)
	})
	exe := buildPlayground(b)
	for name, cell := range map[string]string{
		"playground-print":   `fmt.Print(strings.Repeat("123456789\n", ` + itoa(outputLines) + `))`,
		"playground-println": `for range ` + itoa(outputLines) + ` { fmt.Println("123456789") }`,
	} {
		b.Run(name, func(b *testing.B) {
			p := startPTY(b, exe)
			defer p.close()
			p.until("go> ")
			p.send(`import ("fmt"; "strings")` + "\r")
			p.until("go> ")
			b.ResetTimer()
			for range b.N {
				p.send(cell + "\r")
				p.untilTail("123456789\r\ngo> ")
			}
			reportPerMillionLines(b)
		})
	}
}

// untilTail reads until the output ends with s, keeping only the last
// bytes: the output is megabytes long.
func (p *ptySession) untilTail(s string) {
	p.b.Helper()
	deadline := time.Now().Add(60 * time.Second)
	tail := p.buf
	for !bytes.HasSuffix(tail, []byte(s)) {
		tail = append(tail, p.next(deadline, s)...)
		if len(tail) > 4096 {
			tail = append(tail[:0], tail[len(tail)-4096:]...)
		}
	}
	p.buf = nil
}

// drainCommand runs cmd in a pseudo-terminal and reads all it writes.
func drainCommand(b *testing.B, cmd *exec.Cmd) {
	b.Helper()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 200})
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 64<<10)
	for {
		if _, err := ptmx.Read(buf); err != nil {
			break // EIO once the command has ended and its output is read
		}
	}
	_ = cmd.Wait()
	ptmx.Close()
}

// buildProgram builds a one-file Go program.
func buildProgram(b *testing.B, src string) string {
	b.Helper()
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module lines\n\ngo 1.22\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	exe := filepath.Join(dir, "lines")
	cmd := exec.Command("go", "build", "-o", exe, ".")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	return exe
}

func reportPerMillionLines(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)*1e6/outputLines, "ms/1M-lines")
}

func itoa(n int) string { return strconv.Itoa(n) }
