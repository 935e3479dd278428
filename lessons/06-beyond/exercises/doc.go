// Package exercises is your room for lesson 06. Each file holds one stub
// that calls exercise.TODO(); replace that call with your answer and run
//
//	go test -v ./lessons/06-beyond/exercises
//
// What the stubs are given (a key-value bucket, a step function, a
// consumer and a run function) comes from the checks: each check runs its
// own NATS server inside the test, and watches what your code does with
// them: every read and write, every Ack, Nak and InProgress. It can kill
// the "worker" (your function) at a chosen call and deliver the task
// again. The reference answers are in solutions/06-beyond.
package exercises
