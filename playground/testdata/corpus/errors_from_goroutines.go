// Goroutines send their errors back; the caller joins them.
package main

import (
	"errors"
	"fmt"
)

func check(n int) error {
	if n%2 == 1 {
		return fmt.Errorf("%d is odd", n)
	}
	return nil
}

func main() {
	nums := []int{1, 2, 3}
	errs := make([]error, len(nums))
	done := make(chan int)
	for i, n := range nums {
		go func() {
			errs[i] = check(n)
			done <- i
		}()
	}
	for range nums {
		<-done
	}
	fmt.Println(errors.Join(errs...))
}
