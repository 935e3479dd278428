// Package sidebyside measures, on the learner's machine, every speed the
// course talks about twice: with the course's own Python program (standard
// library only, Python 3.9+) and with the Go code the lessons teach, doing
// the same job with the same sizes. Each lesson's Python program
// (lNN_*.py) sits beside its Go twin (lNN_*.go) in this folder; Figures
// lists them all, Run measures them, Format prints the table and Chart
// draws it. The command is go run ./cmd/sidebyside; docs/benchmarks.md
// shows what it printed on one machine and how to read it.
package sidebyside
