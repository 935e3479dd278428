package overview_test

import (
	"context"
	"fmt"
	"os"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

// Sequential prints what vanilla.py prints. (A zero delay keeps the
// example fast.)
func ExampleSequential() {
	r, err := overview.Sequential(context.Background(), overview.Numbers, overview.Options{Out: os.Stdout})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(r.Squares, r.Cubes)
	// Output:
	// calculate square numbers
	// square: 4
	// square: 9
	// square: 64
	// square: 81
	// calculate cube of numbers
	// cube: 8
	// cube: 27
	// cube: 512
	// cube: 729
	// [4 9 64 81] [8 27 512 729]
}
