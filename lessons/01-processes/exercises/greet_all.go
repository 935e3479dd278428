package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// GreetAll is exercise 4. It should run greet for every city in its own
// child process, all at the same time, and return the greetings in the
// order of cities. Here is a first try, which works, but runs the
// processes one after the other:
//
//	var out []string
//	for _, city := range cities {
//		p := processes.New(greet, city)
//		if err := p.Start(ctx); err != nil {
//			return nil, err
//		}
//		s, err := p.Wait(ctx) // waits before the next city starts
//		if err != nil {
//			return nil, err
//		}
//		out = append(out, s)
//	}
//	return out, nil
//
// Fix it.
func GreetAll(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
