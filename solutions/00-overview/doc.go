// Package solutions holds reference answers to lesson 00's exercises. Their
// tests run the same checks as lessons/00-overview/exercises, and here a
// skipped check is a failure.
package solutions
