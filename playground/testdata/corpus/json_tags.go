// encoding/json with struct tags, both ways.
package main

import (
	"encoding/json"
	"fmt"
)

type item struct {
	Name  string   `json:"name"`
	Price float64  `json:"price,omitempty"`
	Tags  []string `json:"tags"`
}

func main() {
	b, err := json.Marshal(item{Name: "pen", Tags: []string{"office"}})
	fmt.Println(string(b), err)
	var it item
	err = json.Unmarshal([]byte(`{"name":"ink","price":2.5,"tags":null}`), &it)
	fmt.Println(it.Name, it.Price, it.Tags == nil, err)
}
