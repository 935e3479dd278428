// Package symgen generates the playground's symbols for the course's
// packages: every lessons/NN-*/ library package and the playground's
// registered functions. For each it writes, in playground/internal/symbols,
// what yaegi needs to call the compiled package (reflect values of its
// exported names, and wrappers that let interpreted types implement its
// interfaces), the instantiations of its generic functions and types for
// the type arguments of the registered functions (the interpreter cannot
// instantiate compiled generics), and a stub of its API with the generics,
// which the front end type-checks against. Packages that do not build are
// skipped and listed.
//
// Run it with go generate ./playground/internal/symbols; a test in that
// package fails when the generated files are stale.
package symgen
