module github.com/gophertutor/concurrency/lessons/03-futures/poolcmp

go 1.26.0

replace github.com/gophertutor/concurrency => ../../..

require (
	github.com/alitto/pond/v2 v2.7.1
	github.com/gophertutor/concurrency v0.0.0-00010101000000-000000000000
	github.com/panjf2000/ants/v2 v2.12.1
	github.com/sourcegraph/conc v0.3.0
	golang.org/x/sync v0.25.0
)

require (
	go.uber.org/atomic v1.7.0 // indirect
	go.uber.org/multierr v1.9.0 // indirect
)
