package course

import (
	"errors"
	"fmt"
	"os/exec"
)

// ErrNoGo means the go command is not on PATH.
var ErrNoGo = errors.New("the go command is not on PATH: install Go (https://go.dev/dl/) or add its bin directory to PATH")

// GoTool returns the path of the go command, or an error that says what
// needed it (":check", ":build") and what to do.
func GoTool(what string) (string, error) {
	p, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("%s needs the go command: %w", what, ErrNoGo)
	}
	return p, nil
}
