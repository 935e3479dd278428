// Package solutions holds reference answers to lesson 03's exercises. Their
// tests run the same checks as lessons/03-futures/exercises, and here a
// skipped check is a failure.
package solutions
