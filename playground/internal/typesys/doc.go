// Package typesys gives go/types the packages the playground's interpreter
// can import, so the front end can type-check a cell before it runs: the
// standard library is built from the interpreter's reflect symbols (the
// same values the interpreter calls), generic standard packages from the
// sources yaegi interprets, and the course's packages from the stubs the
// symbol generator writes (they keep the generics that reflect loses).
package typesys
