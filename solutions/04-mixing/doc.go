// Package solutions holds the reference answers to lesson 04's exercises
// (lessons/04-mixing/exercises), held to the same checks.
package solutions
