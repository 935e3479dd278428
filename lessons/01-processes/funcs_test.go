package processes

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// Functions the tests run in children. They are registered in package-level
// variables, so the children (this test binary started again) have them.
var (
	square = Register("test.square", func(_ context.Context, n int) (int, error) { return n * n, nil })

	// pipeModes reports whether the child's ends of its pipes to the
	// parent (fds 3 and 4) are in non-blocking mode.
	pipeModes = Register("test.pipemodes", func(_ context.Context, _ struct{}) ([2]bool, error) {
		var modes [2]bool
		for i, fd := range []int{3, 4} {
			flags, _, errno := syscall.Syscall(syscall.SYS_FCNTL, uintptr(fd), syscall.F_GETFL, 0)
			if errno != 0 {
				return modes, fmt.Errorf("fcntl %d: %w", fd, errno)
			}
			modes[i] = flags&syscall.O_NONBLOCK != 0
		}
		return modes, nil
	})

	whoAmI = Register("test.whoami", func(_ context.Context, _ struct{}) (Identity, error) { return Current(), nil })

	failing = Register("test.fail", func(_ context.Context, n int) (int, error) {
		return 0, fmt.Errorf("no square for %d", n)
	})

	panicking = Register("test.panic", func(_ context.Context, msg string) (int, error) { panic(msg) })

	exiting = Register("test.exit", func(_ context.Context, code int) (int, error) {
		os.Exit(code)
		return 0, nil
	})

	// blockUntilCancelled waits for its context and reports why it stopped.
	blockUntilCancelled = Register("test.block", func(ctx context.Context, _ struct{}) (string, error) {
		<-ctx.Done()
		return "", ctx.Err()
	})

	// ignoreCancel never returns: only a signal stops it.
	ignoreCancel = Register("test.ignore", func(_ context.Context, _ struct{}) (int, error) {
		select {}
	})

	// startThenIgnoreCancel says it has started, on the queue, then never
	// returns.
	startThenIgnoreCancel = Register("test.startignore", func(ctx context.Context, started *Queue[string]) (int, error) {
		if err := started.Put(ctx, Current().Name); err != nil {
			return 0, err
		}
		select {}
	})

	crashInGoroutine = Register("test.crash", func(_ context.Context, _ struct{}) (int, error) {
		done := make(chan struct{})
		go func() {
			var m map[string]int
			m["boom"] = 1 // panics in a goroutine the function did not protect
			close(done)   // never reached: the function waits until the process dies
		}()
		<-done
		return 0, nil
	})

	// crashIf crashes its worker for a negative number; doubles the others.
	crashIf = Register("test.crashif", func(_ context.Context, n int) (int, error) {
		if n < 0 {
			os.Exit(7)
		}
		return 2 * n, nil
	})

	sleepy = Register("test.sleepy", func(ctx context.Context, d time.Duration) (string, error) {
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return "", ctx.Err()
		}
		return Current().Name, nil
	})

	// echoWorker reports the name of the worker that ran it.
	echoWorker = Register("test.worker", func(_ context.Context, n int) (string, error) {
		return fmt.Sprintf("%d@%s", n, Current().Name), nil
	})

	labelled = Register2("test.labelled", func(_ context.Context, nums []int, label string) ([]map[string]int, error) {
		out := make([]map[string]int, len(nums))
		for i, n := range nums {
			out[i] = map[string]int{label: n * 2}
		}
		return out, nil
	})
)

// queueArgs carries queues to a child: a Queue crosses as a handle.
type queueArgs struct {
	Tasks   *Queue[string]
	Results *Queue[string]
}

var (
	// drainTasks takes tasks with TryGet until the queue is empty, as in the
	// syllabus' task-queue example.
	drainTasks = Register("test.drain", func(ctx context.Context, q queueArgs) (int, error) {
		done := 0
		for {
			task, err := q.Tasks.TryGet()
			if errors.Is(err, ErrEmpty) {
				return done, nil
			}
			if err != nil {
				return done, err
			}
			if err := q.Results.Put(ctx, task+" done by "+Current().Name); err != nil {
				return done, err
			}
			done++
		}
	})

	// waitForItem blocks on Get until the parent puts something.
	waitForItem = Register("test.getwait", func(ctx context.Context, q *Queue[int]) (int, error) {
		return q.Get(ctx)
	})

	// getWithTimeout is Python's get(timeout=0.02): Get with a deadline.
	getWithTimeout = Register("test.gettimeout", func(ctx context.Context, q *Queue[int]) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
		defer cancel()
		_, err := q.Get(ctx)
		if errors.Is(err, context.DeadlineExceeded) {
			return "deadline", nil
		}
		return fmt.Sprint(err), nil
	})

	putUntilFull = Register("test.putfull", func(_ context.Context, q *Queue[int]) (string, error) {
		for i := 0; ; i++ {
			if err := q.TryPut(i); err != nil {
				return fmt.Sprintf("%d put, then %v", i, err), nil
			}
		}
	})

	// parentOfAGrandchild starts a child of its own that blocks forever,
	// sends that grandchild's pid to the test, and blocks forever too.
	parentOfAGrandchild = Register("test.grandparent", func(ctx context.Context, pids *Queue[int]) (int, error) {
		grandchild := New(ignoreCancel, struct{}{})
		if err := grandchild.Start(ctx); err != nil {
			return 0, err
		}
		if err := pids.Put(ctx, grandchild.PID()); err != nil {
			return 0, err
		}
		select {}
	})
)

// gate holds a task until the test lets it go: it says it has started on
// Started, then waits for an item on Release.
type gate struct {
	Name    string
	Started *Queue[string]
	Release *Queue[struct{}]
}

var (
	gated = Register("test.gated", func(ctx context.Context, g gate) (string, error) {
		if err := g.Started.Put(ctx, g.Name); err != nil {
			return "", err
		}
		if _, err := g.Release.Get(ctx); err != nil {
			return "", err
		}
		return g.Name + "@" + Current().Name, nil
	})

	// initialized is set in a worker by the initializer setUp.
	initialized string

	setUp = Register("test.setup", func(_ context.Context, s string) (struct{}, error) {
		if s == "fail" {
			return struct{}{}, errors.New("set-up failed")
		}
		initialized = s + " in " + Current().Name
		return struct{}{}, nil
	})

	readInitialized = Register("test.readinit", func(_ context.Context, _ int) (string, error) { return initialized, nil })

	// relayQueue makes as many queues of its own as it takes for the next
	// one to have the ID of the parent's queue it was given, then has a
	// child of its own put into the parent's queue through its handle.
	relayQueue = Register("test.relay", func(ctx context.Context, q *Queue[string]) (int, error) {
		var mine *Queue[string]
		for mine == nil || mine.id < q.id {
			mine = NewQueue[string](0)
		}
		grandchild := New(putHello, q)
		if err := grandchild.Start(ctx); err != nil {
			return 0, err
		}
		if _, err := grandchild.Wait(ctx); err != nil {
			return 0, err
		}
		return mine.Len(), nil // its own queue with that ID stays empty
	})

	putHello = Register("test.puthello", func(ctx context.Context, q *Queue[string]) (struct{}, error) {
		return struct{}{}, q.Put(ctx, "hello from "+Current().Name)
	})

	// deafGrandparent starts a child that closes the pipe its tasks come on
	// (fd 4) and blocks; it sends that grandchild's pid, and blocks too.
	deafGrandparent = Register("test.deafgrandparent", func(ctx context.Context, pids *Queue[int]) (int, error) {
		grandchild := New(closeTaskPipeAndBlock, struct{}{})
		if err := grandchild.Start(ctx); err != nil {
			return 0, err
		}
		if err := pids.Put(ctx, grandchild.PID()); err != nil {
			return 0, err
		}
		select {}
	})

	closeTaskPipeAndBlock = Register("test.closefd4", func(_ context.Context, _ struct{}) (int, error) {
		if err := syscall.Close(4); err != nil {
			return 0, err
		}
		select {}
	})
)

var (
	// waitForEvent waits for the event and says who woke.
	waitForEvent = Register("test.waitevent", func(ctx context.Context, e *Event) (string, error) {
		if err := e.Wait(ctx); err != nil {
			return "", err
		}
		return Current().Name, nil
	})

	// setEvent sets the event and reports what IsSet says then.
	setEvent = Register("test.setevent", func(_ context.Context, e *Event) (bool, error) {
		if err := e.Set(); err != nil {
			return false, err
		}
		return e.IsSet()
	})
)
