// Package course is what the playground knows of the course around it:
// where the repository is (the module root, found from the working
// directory), whether the go command is at hand, and the progress table of
// the lessons' exercises that :check and `go run ./playground check` print.
package course
