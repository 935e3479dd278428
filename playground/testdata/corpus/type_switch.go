// playground-corpus: compiled
// Interfaces and a type switch.
package main

import (
	"fmt"
	"math"
)

type shape interface{ area() float64 }

type circle struct{ r float64 }
type square struct{ side float64 }

func (c circle) area() float64 { return math.Pi * c.r * c.r }
func (s square) area() float64 { return s.side * s.side }

func describe(v any) string {
	switch x := v.(type) {
	case circle:
		return fmt.Sprintf("circle of radius %g", x.r)
	case shape:
		return fmt.Sprintf("a shape of area %.2f", x.area())
	case int:
		return "an int"
	default:
		return "something else"
	}
}

func main() {
	for _, v := range []any{circle{1}, square{2}, 3, "x"} {
		fmt.Println(describe(v))
	}
}
