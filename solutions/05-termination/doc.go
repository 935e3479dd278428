// Package solutions holds reference answers to lesson 05's exercises. Their
// tests run the same checks as lessons/05-termination/exercises, and here a
// skipped check is a failure.
package solutions
