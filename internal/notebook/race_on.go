//go:build race

package notebook

// underRace: this test binary was built with -race (see Verify).
const underRace = true
