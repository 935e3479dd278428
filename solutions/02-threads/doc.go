// Package solutions holds reference answers to lesson 02's exercises. Their
// tests run the same checks as lessons/02-threads/exercises, and here a
// skipped check is a failure.
package solutions
