// Package solutions holds reference answers to lesson 06's exercises. Their
// tests run the same checks as lessons/06-beyond/exercises, and here a
// skipped check is a failure.
package solutions
