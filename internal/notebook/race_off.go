//go:build !race

package notebook

const underRace = false
