package wire

import "github.com/gophertutor/concurrency/playground/internal/dumpcode"

// DumpFunc is the helper that writes the values of session variables to a
// file, for a cell that runs compiled to start from:
// __pg.Dump(path, v1, v2, ...). The file holds a Dump, as JSON.
const DumpFunc = "Dump"

// DumpEnv names the file a compiled cell writes the values of its
// variables to when it ends, for the session to take them back.
const DumpEnv = "PLAYGROUND_DUMP"

// Dump is the values DumpFunc wrote, in the order given, or why it could
// not.
type Dump = dumpcode.PgDumped

// Value is one value as reflect sees it, for the REPL to write out as a Go
// literal of the variable's static type: Kind is its reflect.Kind's name;
// Text, a basic value (a number as strconv writes it exactly, a string as
// it is); Elems, the fields of a struct in order, the elements of a slice
// or array, a pointer's target, or a map's keys and values in turn. Nil is
// set for a nil pointer, slice, map, channel, function or interface.
type Value = dumpcode.PgValue
