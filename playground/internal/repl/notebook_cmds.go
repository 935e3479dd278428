package repl

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

func cmdLessons(_ context.Context, r *repl, _ string) bool {
	if err := r.loadLessons(); err != nil {
		return r.notebookFailed(err)
	}
	list, err := r.lessonList()
	if err != nil {
		return r.notebookFailed(err)
	}
	fmt.Fprint(r.ed, list)
	return false
}

func cmdLesson(_ context.Context, r *repl, arg string) bool {
	if err := r.loadLessons(); err != nil {
		return r.notebookFailed(err)
	}
	fields := strings.Fields(arg)
	if len(fields) == 0 || len(fields) > 2 {
		return r.notebookFailed(fmt.Errorf("usage: :lesson N [cell], for example :lesson 0; :lessons lists them"))
	}
	n, err := strconv.Atoi(fields[0])
	if err != nil {
		return r.notebookFailed(fmt.Errorf("usage: :lesson N [cell]: %q is not a lesson number", fields[0]))
	}
	cell := -1
	if len(fields) == 2 {
		if cell, err = strconv.Atoi(fields[1]); err != nil || cell < 1 {
			return r.notebookFailed(fmt.Errorf("usage: :lesson N [cell]: %q is not a cell number (they start at 1)", fields[1]))
		}
		cell--
	}
	if err := r.open(n, cell); err != nil {
		return r.notebookFailed(err)
	}
	l := r.nb.lesson
	fmt.Fprintf(r.ed, "Lesson %d · %s: %d cells. :next and :prev step, :run runs a playground cell, :edit changes it.\n\n",
		l.Number, l.Title, len(r.nb.cells))
	r.show()
	return false
}

func cmdNext(_ context.Context, r *repl, _ string) bool {
	if !r.lessonOpen() {
		return false
	}
	if r.nb.at == len(r.nb.cells)-1 {
		fmt.Fprintf(r.ed, "You are at the end of lesson %d: there is no next cell. :prev goes back, :lessons lists the lessons.\n", r.nb.lesson.Number)
		return false
	}
	r.nb.at++
	r.show()
	return false
}

func cmdPrev(_ context.Context, r *repl, _ string) bool {
	if !r.lessonOpen() {
		return false
	}
	if r.nb.at == 0 {
		fmt.Fprintf(r.ed, "You are at the first cell of lesson %d. :next goes on.\n", r.nb.lesson.Number)
		return false
	}
	r.nb.at--
	r.show()
	return false
}

func cmdRun(ctx context.Context, r *repl, _ string) bool {
	if !r.lessonOpen() {
		return false
	}
	inputs := r.inputs()
	if len(inputs) == 0 {
		fmt.Fprintf(r.ed, "Cell %d has no playground cell to run. :next goes on.\n", r.nb.at+1)
		return false
	}
	for _, in := range inputs {
		r.typeIn(ctx, in)
	}
	return false
}

func cmdEdit(ctx context.Context, r *repl, _ string) bool {
	if !r.lessonOpen() {
		return false
	}
	inputs := r.inputs()
	if len(inputs) == 0 {
		fmt.Fprintf(r.ed, "Cell %d has no playground cell to edit. :next goes on.\n", r.nb.at+1)
		return false
	}
	before := strings.Join(inputs, "\n") + "\n"
	text, err := r.editText(before)
	if err != nil {
		return r.notebookFailed(err)
	}
	if text == before {
		fmt.Fprintln(r.ed, "The cell is unchanged (the editor quit without saving a change): nothing ran. :run runs it as it is.")
		return false
	}
	edited := splitInputs(text)
	if len(edited) == 0 {
		fmt.Fprintln(r.ed, "The edited cell is empty: nothing to run. :run runs it as the lesson has it.")
		delete(r.nb.edited, r.nb.at)
		return false
	}
	r.nb.edited[r.nb.at] = edited
	for _, in := range edited {
		r.typeIn(ctx, in)
	}
	return false
}

// editText lets the learner change text in $EDITOR (vi if unset, which it
// says) and returns the file's text when the editor has ended.
func (r *repl) editText(text string) (string, error) {
	dir, err := os.MkdirTemp("", "playground-edit-")
	if err != nil {
		return "", fmt.Errorf("edit the cell: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, fmt.Sprintf("lesson%d_cell%d.go", r.nb.lesson.Number, r.nb.at+1))
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		return "", fmt.Errorf("edit the cell: %w", err)
	}
	editor := strings.Fields(os.Getenv("EDITOR"))
	if len(editor) == 0 {
		editor = []string{"vi"}
		fmt.Fprintf(r.ed, "$EDITOR is not set, so the cell opens in vi (%s): :wq saves it and runs it, :q! leaves it as it was and runs nothing.\n"+
			"Set EDITOR (export EDITOR=nano, for one) to edit in another editor.\n", filepath.Base(path))
	}
	cmd := exec.Command(editor[0], append(editor[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := r.suspended(cmd.Run); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", fmt.Errorf("edit the cell: there is no %s on PATH; set EDITOR to the editor to use (export EDITOR=nano)", editor[0])
		}
		return "", fmt.Errorf("edit the cell with %s: %w", strings.Join(editor, " "), err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("edit the cell: %w", err)
	}
	return string(data), nil
}

// suspended runs f with the terminal given back, when the line editor can
// give it back: an editor must read the keys itself.
func (r *repl) suspended(f func() error) error {
	s, ok := r.ed.(interface {
		Suspend() (resume func() error, err error)
	})
	if !ok {
		return f()
	}
	resume, err := s.Suspend()
	if err != nil {
		return fmt.Errorf("give the terminal to the editor: %w", err)
	}
	ferr := f()
	select { // a Ctrl-C typed in the editor was the editor's
	case <-r.o.Signals:
	default:
	}
	if err := resume(); err != nil && ferr == nil {
		return fmt.Errorf("take the terminal back from the editor: %w", err)
	}
	return ferr
}

// lessonOpen reports whether a lesson is open, and says how to open one
// if not.
func (r *repl) lessonOpen() bool {
	if r.nb.lesson != nil {
		return true
	}
	fmt.Fprintln(r.ed, "No lesson is open: :lessons lists them, :lesson N opens one.")
	r.failed.Store(true)
	return false
}

func (r *repl) notebookFailed(err error) bool {
	fmt.Fprintf(r.ed, "playground: %v\n", err)
	r.failed.Store(true)
	return false
}
