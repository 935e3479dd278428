// playground-corpus: compiled
// encoding/json calls a type's MarshalJSON.
package main

import (
	"encoding/json"
	"fmt"
)

type status int

func (s status) MarshalJSON() ([]byte, error) {
	return json.Marshal([]string{"inactive", "active"}[s])
}

type user struct {
	Name   string `json:"name"`
	Status status `json:"status"`
}

func main() {
	b, err := json.Marshal(user{"ada", 1})
	fmt.Println(string(b), err)
}
