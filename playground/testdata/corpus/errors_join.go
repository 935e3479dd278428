// errors.Join keeps every error.
package main

import (
	"errors"
	"fmt"
)

var errA = errors.New("a failed")
var errB = errors.New("b failed")

func main() {
	err := errors.Join(errA, nil, errB)
	fmt.Println(err)
	fmt.Println(errors.Is(err, errA), errors.Is(err, errB))
}
