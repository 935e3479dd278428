package repl

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Command is one of the REPL's :commands.
type Command struct {
	// Name is what follows the colon; Aliases work too.
	Name    string
	Aliases []string
	// Args describes the arguments, for the help: "[lesson]", "<file.go>".
	Args string
	// Summary is the line :help shows.
	Summary string
	run     func(ctx context.Context, r *repl, arg string) (quit bool)
}

func (c Command) usage() string {
	u := ":" + c.Name
	if c.Args != "" {
		u += " " + c.Args
	}
	return u
}

// commands is every :command, in the order :help lists them.
var commands []Command

func init() {
	commands = []Command{
		{Name: "help", Aliases: []string{"h", "?"}, Args: "[command]", Summary: "this text, or one command's", run: cmdHelp},
		{Name: "help children", Summary: "why a function typed here cannot run in a child process", run: cmdHelp},
		{Name: "packages", Aliases: []string{"pkgs"}, Summary: "what you can import (the standard library and the course)", run: cmdPackages},
		{Name: "decls", Summary: "the declarations a new worker replays, as the interpreter runs them", run: cmdDecls},
		{Name: "vars", Summary: "the session's variables, with their types and current values", run: cmdVars},
		{Name: "load", Args: "<file.go>", Summary: "run a Go file's declarations and statements in the session (a program: declare it all, run main)", run: cmdLoad},
		{Name: "lessons", Summary: "the lessons, and how far you got in each", run: cmdLessons},
		{Name: "lesson", Args: "<N> [cell]", Summary: "walk lesson N's notebook cell by cell, from where you left it", run: cmdLesson},
		{Name: "next", Aliases: []string{"n"}, Summary: "the lesson's next cell", run: cmdNext},
		{Name: "prev", Aliases: []string{"p"}, Summary: "the lesson's previous cell", run: cmdPrev},
		{Name: "run", Summary: "run the cell's playground session here, and show what it prints", run: cmdRun},
		{Name: "edit", Summary: "change the cell's playground session in $EDITOR (vi if unset), then run it; a file left as it was runs nothing", run: cmdEdit},
		{Name: "check", Args: "[lesson]", Summary: "run the exercise checks of a lesson (or all): done, not attempted, failing", run: cmdCheck},
		{Name: "hint", Args: "<exercise>", Summary: "what to read and try for an exercise (:check lists them)", run: cmdHint},
		{Name: "build", Summary: "write the session out as a Go program, compile it and run it; positions point at the cells", run: cmdBuild},
		{Name: "race", Summary: ":build with the race detector, which names the cells and lines of a data race", run: cmdRace},
		{Name: "goroutines", Summary: "the goroutines your cells left alive, by cell, running or where they wait; go[N]> says N are", run: cmdGoroutines},
		{Name: "time", Args: "<statement>", Summary: "run a cell and show its wall time, CPU time and goroutines before and after", run: cmdTime},
		{Name: "timeline", Summary: "a chart of the last cell's goroutines over time: when each ran, waited, slept", run: cmdTimeline},
		{Name: "restart", Summary: "start a new worker and replay the declarations", run: cmdRestart},
		{Name: "reset", Summary: "start a new worker with an empty session", run: cmdReset},
		{Name: "quit", Aliases: []string{"q", "exit"}, Summary: "leave (Ctrl-D does too)", run: cmdQuit},
	}
}

// Commands returns the REPL's :commands, in the order :help lists them.
func Commands() []Command { return slices.Clone(commands) }

// lookup finds a command by name or alias.
func lookup(name string) (Command, bool) {
	for _, c := range commands {
		if c.Name == name || slices.Contains(c.Aliases, name) {
			return c, true
		}
	}
	return Command{}, false
}

// commandList is the Commands section of :help.
func commandList() string {
	width := 0
	for _, c := range commands {
		width = max(width, len(c.usage()))
	}
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "    %-*s  %s\n", width, c.usage(), c.Summary)
	}
	return b.String()
}
