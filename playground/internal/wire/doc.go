// Package wire is the protocol between the playground's REPL (the
// supervisor) and its worker process: length-prefixed JSON messages over two
// pipes that are not the worker's standard output, and the sync marks the
// worker writes on its standard output and error so that the supervisor
// knows when all the output of a request has arrived.
package wire
