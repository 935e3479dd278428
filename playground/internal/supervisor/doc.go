// Package supervisor runs the playground's worker process for the REPL: it
// starts it (this program's own binary again, as in lesson 00), sends it
// code, forwards its output, interrupts it, and when it dies — a panic in a
// goroutine, a fatal error, os.Exit, a signal — says what happened, starts
// a new one and replays the session's declarations into it.
package supervisor
