// Command redelivery kills worker processes in the middle of their tasks,
// as the kernel's out-of-memory killer would (SIGKILL: nothing runs after
// it), and shows that no task is lost: JetStream gives a task that was
// never acknowledged to another worker. A task that kills every worker
// that takes it goes to the dead letters instead, and its future fails.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"syscall"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	beyond "github.com/gophertutor/concurrency/lessons/06-beyond"
)

// square kills its own worker the first time it gets n = 3 or 5.
var square = processes.Register("square", func(ctx context.Context, n int) (string, error) {
	if (n == 3 || n == 5) && beyond.Attempt(ctx) == 1 {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way
	}
	return fmt.Sprintf("%d*%d = %d (delivery %d)", n, n, n*n, beyond.Attempt(ctx)), nil
})

// poison kills every worker that takes it.
var poison = processes.Register("poison", func(ctx context.Context, n int) (int, error) {
	syscall.Kill(os.Getpid(), syscall.SIGKILL)
	select {}
})

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()
	ex, err := beyond.NewJetStream(2, beyond.WithAckWait(time.Second), beyond.WithMaxAttempts(3))
	if err != nil {
		log.Fatal(err)
	}
	defer ex.Close()

	start := time.Now()
	var fs []*futures.Future[string]
	for n := range 6 {
		f, err := futures.Submit(ctx, ex, square, n+1)
		if err != nil {
			log.Fatal(err)
		}
		fs = append(fs, f)
	}
	bad, err := futures.Submit(ctx, ex, poison, 0)
	if err != nil {
		log.Fatal(err)
	}
	var lines []string
	for _, f := range fs {
		s, err := f.Result(ctx)
		if err != nil {
			log.Fatal(err)
		}
		lines = append(lines, s)
	}
	fmt.Println("every square came back, though two workers died:")
	for _, s := range lines {
		fmt.Println(" ", s)
	}
	_, err = bad.Result(ctx)
	fmt.Println("the poison task:", errors.Is(err, beyond.ErrDeadLetter))
	fmt.Println(" ", err)
	fmt.Println("took", time.Since(start).Round(100*time.Millisecond), "(each death costs an ack wait of 1s)")
}
