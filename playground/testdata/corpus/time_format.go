// Formatting a fixed time with layouts.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2026, time.March, 14, 15, 9, 26, 0, time.UTC)
	fmt.Println(t.Format(time.RFC3339))
	fmt.Println(t.Format("Mon Jan 2 2006, 3:04pm"))
	fmt.Println(t.Add(90 * time.Minute).Format(time.Kitchen))
	fmt.Println(t.Weekday(), t.YearDay())
}
