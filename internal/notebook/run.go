package notebook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// commandTimeout bounds one output cell's command.
const commandTimeout = 3 * time.Minute

// run runs an output cell's command from the repository root and returns its
// combined stdout and stderr, in the order the program wrote them, with the
// paths that differ between machines made portable. A command that exits
// with an error is not an error here: its output (a race report, a panic)
// may be the point of the cell.
func run(ctx context.Context, root, command string, extra []string) (string, error) {
	args := strings.Fields(command)
	if len(args) < 2 || args[0] != "go" {
		return "", fmt.Errorf("output cell command %q: only go commands run in a notebook", command)
	}
	verb := 1 // the extra flags go after the verb: "go -C dir test" has it third
	if args[1] == "-C" {
		verb = 3
	}
	if len(args) <= verb {
		return "", fmt.Errorf("output cell command %q: no go verb after -C dir", command)
	}
	args = append(args[:verb+1:verb+1], append(extra, args[verb+1:]...)...)
	goBin, err := goTool()
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goBin, args[1:]...)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	if ctx.Err() != nil {
		return "", fmt.Errorf("run %q: did not finish within %v", command, commandTimeout)
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return "", fmt.Errorf("run %q: %w", command, err)
	}
	return portable(out.String(), root), nil
}

// goTool finds the go command: the go command puts its own bin directory
// first on PATH for the programs it runs, tests and go generate included.
func goTool() (string, error) {
	p, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("find the go command: %w", err)
	}
	return p, nil
}

// goroot is the Go installation's root, as `go env GOROOT` reports it.
var goroot = sync.OnceValue(func() string {
	p, err := goTool()
	if err != nil {
		return ""
	}
	out, err := exec.Command(p, "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
})

var goBuildRE = regexp.MustCompile(`\S*go-build[0-9]+\S*?/exe/`)

// fetchRE matches the lines the go command prints when it fetches a module
// the module cache does not have yet (a learner's first run of a cell that
// builds a module of its own, such as lesson 03's poolcmp): they say what
// the machine had already, not what the program did.
var fetchRE = regexp.MustCompile(`(?m)^go: (downloading \S+ \S+|finding module for package \S+|found \S+ in \S+ \S+)\n`)

// portable rewrites machine-specific paths: the repository root becomes
// relative, the Go installation becomes $GOROOT, go run's temporary binary
// loses its directory, the go command's lines about fetching modules go,
// and trailing spaces and blank lines go.
func portable(out, root string) string {
	out = fetchRE.ReplaceAllString(out, "")
	out = strings.ReplaceAll(out, root+string(filepath.Separator), "")
	if root := goroot(); root != "" {
		out = strings.ReplaceAll(out, root+string(filepath.Separator), "$GOROOT/")
	}
	out = goBuildRE.ReplaceAllString(out, "")
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

// Root finds the repository root (the folder with go.mod) above dir.
func Root(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find repository root: %w", err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("find repository root: no go.mod above %s", dir)
		}
	}
}
