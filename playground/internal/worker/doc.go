// Package worker is the process that runs the learner's code. The
// playground's REPL (package supervisor) starts its own binary again with
// Env set; main calls RunIfRequested, which turns that copy into a worker:
// it interprets code with yaegi and answers on its control pipes.
//
// Why a process: a panic in any goroutine, a fatal runtime error
// (concurrent map writes, a deadlock, a stack overflow) or os.Exit ends a
// whole Go process. In the worker it ends only the worker; the REPL reports
// it, starts a new worker and replays the session's declarations.
//
// Go's runtime never reports a deadlock in the worker (a goroutine waits
// for requests on a pipe, and the binary links cgo), so the worker finds
// them itself while a cell runs, and ends as a deadlocked program does:
// "fatal error: all goroutines are asleep - deadlock!", exit status 2.
package worker
