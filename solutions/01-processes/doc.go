// Package solutions holds reference answers to lesson 01's exercises. Their
// tests run the same checks as lessons/01-processes/exercises, and here a
// skipped check is a failure.
package solutions
