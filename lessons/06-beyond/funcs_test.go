package beyond

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// The functions the tests' tasks run, registered at start-up so that the
// worker processes (this test binary again) have them too.
var (
	square = processes.Register("beyond.test.square", func(_ context.Context, n int) (int, error) { return n * n, nil })

	failOdd = processes.Register("beyond.test.failOdd", func(_ context.Context, n int) (int, error) {
		if n%2 == 1 {
			return 0, fmt.Errorf("%d is odd", n)
		}
		return n, nil
	})

	// dieFirst kills its own worker process (SIGKILL, as the kernel's
	// out-of-memory killer would) the first time it is delivered, and
	// returns the attempt that finished it.
	dieFirst = processes.Register("beyond.test.dieFirst", func(ctx context.Context, n int) (int, error) {
		if Attempt(ctx) == 1 {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal arrives
		}
		return Attempt(ctx), nil
	})

	// alwaysDie kills its worker every time: a poison task.
	alwaysDie = processes.Register("beyond.test.alwaysDie", func(_ context.Context, n int) (int, error) {
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	})

	// block runs until its context is cancelled.
	block = processes.Register("beyond.test.block", func(ctx context.Context, _ int) (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	})

	// workerOf names the worker that ran it.
	whoAmI = processes.Register("beyond.test.whoAmI", func(ctx context.Context, _ int) (string, error) {
		return processes.Current().Name, nil
	})
)

// lacksEnv, set in a worker's environment, makes it start without
// parentOnly: a worker whose program does not have that function.
const lacksEnv = "BEYOND_TEST_WORKER_LACKS_FUNC"

var parentOnly = registerUnless(lacksEnv, "beyond.test.parentOnly")

func registerUnless(env, name string) *processes.Func[int, int] {
	fn := func(_ context.Context, n int) (int, error) { return n, nil }
	if os.Getenv(env) != "" {
		// A Func made but not registered: this program has no function
		// of that name.
		return nil
	}
	return processes.Register(name, fn)
}

// funcArg takes an argument no encoding can carry.
var funcArg = processes.Register("beyond.test.funcArg", func(_ context.Context, f func()) (int, error) { return 0, nil })

// pause returns n after a few milliseconds of (pretend) work.
var pause = processes.Register("beyond.test.pause", func(ctx context.Context, n int) (int, error) {
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-time.After(5 * time.Millisecond):
	}
	return n, nil
})

// runsEnv names a file to which logRun adds a line each time it runs, in
// whichever worker process: how a test counts runs across processes.
const runsEnv = "BEYOND_TEST_RUNS"

// logRun notes that it ran with n, and returns n.
var logRun = processes.Register("beyond.test.logRun", func(_ context.Context, n int) (int, error) {
	f, err := os.OpenFile(os.Getenv(runsEnv), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	_, err = fmt.Fprintln(f, n)
	return n, err
})
