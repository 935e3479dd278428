package repl

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestEveryLessonsGenericsTakeTheSessionsTypes: the lessons' generic entry
// points, called with a type declared in the session, give go run's
// answers. The interpreter cannot instantiate compiled generics for a type
// of the session, so each of these cells runs compiled, with the session's
// declarations (a registered function stays at the package level, and the
// program starts with RunChildIfRequested, so worker processes find it).
// Lesson 05 has no generic entry point.
func TestEveryLessonsGenericsTakeTheSessionsTypes(t *testing.T) {
	out, status := session(t,
		`import ("context"; "fmt"; processes "github.com/gophertutor/concurrency/lessons/01-processes"; threads "github.com/gophertutor/concurrency/lessons/02-threads"; futures "github.com/gophertutor/concurrency/lessons/03-futures"; mixing "github.com/gophertutor/concurrency/lessons/04-mixing")`,
		`type job struct{ N int }`,
		`func (j job) twice(_ context.Context) (int, error) { return 2 * j.N, nil }`,
		// Lesson 01: Register, a Pool's Map, a Queue, in worker processes.
		`var double = processes.Register("session.double", func(ctx context.Context, j job) (int, error) { return j.twice(ctx) }); ctx := context.Background(); p, _ := processes.NewPool(2); out, err := processes.Map(ctx, p, double, []job{{1}, {2}, {3}}); fmt.Println("01 map:", out, err); p.Close(); fmt.Println("01 join:", p.Join(ctx)); q := processes.NewQueue[job](1); q.Put(ctx, job{7}); v, err := q.Get(ctx); fmt.Println("01 queue:", v, err)`,
		// Lesson 02: Map and MapErrgroup on goroutines.
		`f := func(ctx context.Context, j job) (int, error) { return j.twice(ctx) }; a, err := threads.Map(context.Background(), 2, []job{{1}, {2}}, f); fmt.Println("02 map:", a, err); b, err := threads.MapErrgroup(context.Background(), 2, []job{{3}, {4}}, f); fmt.Println("02 errgroup:", b, err)`,
		// Lesson 03: Submit, Wait, AsCompleted, Map and Zip, on both kinds.
		`var triple = processes.Register("session.triple", func(_ context.Context, j job) (int, error) { return 3 * j.N, nil }); ctx := context.Background(); for _, kind := range []string{"threads", "processes"} { var ex futures.Executor; if kind == "threads" { ex, _ = futures.NewThreadPool(2) } else { ex, _ = futures.NewProcessPool(2) }; f1, _ := futures.Submit(ctx, ex, triple, job{1}); f2, _ := futures.Submit(ctx, ex, triple, job{2}); done, notDone, err := futures.Wait(ctx, []*futures.Future[int]{f1, f2}, futures.AllCompleted); sum := 0; for f, err := range futures.AsCompleted(ctx, done) { v, _ := f.Result(ctx); sum += v; _ = err }; var mapped []int; for v, err := range futures.Map(ctx, ex, triple, func(yield func(job) bool) { for i := range 3 { if !yield(job{i}) { return } } }) { _ = err; mapped = append(mapped, v) }; n := 0; for range futures.Zip([]job{{1}}, []job{{2}}) { n++ }; fmt.Println("03", kind+":", len(done), len(notDone), err, sum, mapped, n); ex.Close() }`,
		// Lesson 04: Register and Map over processes × goroutines.
		`var quad = mixing.Register("session.quad", func(_ context.Context, j job) (int, error) { return 4 * j.N, nil }); out, err := mixing.Map(context.Background(), quad, []job{{1}, {2}, {3}, {4}}, 2, 2); fmt.Println("04 map:", out, err)`,
		`6 * 7`)
	for _, want := range []string{
		"01 map: [2 4 6] <nil>\n",
		"01 join: <nil>\n",
		"01 queue: {7} <nil>\n",
		"02 map: [2 4] <nil>\n",
		"02 errgroup: [6 8] <nil>\n",
		"03 threads: 2 0 <nil> 9 [0 3 6] 1\n",
		"03 processes: 2 0 <nil> 9 [0 3 6] 1\n",
		"04 map: [4 8 12 16] <nil>\n",
	} {
		assert.Contains(t, out, want)
	}
	assert.Equal(t, 4, strings.Count(out, "runs compiled (go build)"), out)
	assert.Contains(t, out, "42 // int\n", "the session goes on")
	assert.Equal(t, 0, status, out)
}
