// Package exercises is your room for lesson 02. Each file holds one stub
// that calls exercise.TODO(); replace that call with your answer and run
//
//	go test -v ./lessons/02-threads/exercises
//
// and again with -race. An exercise you have not attempted is skipped,
// with the README section to read. A wrong answer fails with what was
// expected, what happened and the likely mistake. The reference answers
// are in solutions/02-threads.
package exercises
