// Package exercises is your room for lesson 04: replace each
// exercise.TODO() with your answer and run
//
//	go test -v ./lessons/04-mixing/exercises
//
// The README's Exercises section says what each one asks
// (lessons/04-mixing/README.md#exercises).
package exercises
