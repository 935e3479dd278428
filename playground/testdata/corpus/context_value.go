// Request-scoped values through a context, to a goroutine.
package main

import (
	"context"
	"fmt"
)

type key string

func handle(ctx context.Context, done chan<- string) {
	done <- fmt.Sprint("user:", ctx.Value(key("user")))
}

func main() {
	ctx := context.WithValue(context.Background(), key("user"), "gopher")
	done := make(chan string)
	go handle(ctx, done)
	fmt.Println(<-done)
	fmt.Println(ctx.Value(key("missing")))
}
