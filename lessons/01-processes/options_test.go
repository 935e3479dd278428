package processes

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// settings is what a child reports of its per-child settings.
type settings struct {
	Env        string // the variable asked for
	GOMAXPROCS int
	Dir        string
	SoftLimit  int64  // debug.SetMemoryLimit(-1)
	HardLimit  uint64 // RLIMIT_DATA's soft value
	Data       int64  // the data memory mapped now (Linux), as RLIMIT_DATA counts it
}

var (
	// reportSettings reports the child's settings, and the value of the
	// environment variable it is given.
	reportSettings = Register("test.settings", func(_ context.Context, key string) (settings, error) {
		s := settings{Env: os.Getenv(key), GOMAXPROCS: runtime.GOMAXPROCS(0), SoftLimit: debug.SetMemoryLimit(-1)}
		var err error
		if s.Dir, err = os.Getwd(); err != nil {
			return s, err
		}
		var rl syscall.Rlimit
		if err := syscall.Getrlimit(syscall.RLIMIT_DATA, &rl); err != nil {
			return s, err
		}
		s.HardLimit = rl.Cur
		if runtime.GOOS == "linux" {
			s.Data, err = dataMemory()
		}
		return s, err
	})

	// allocate keeps mib MiB alive, a MiB at a time, and says how much it
	// held: a child under WithMemoryLimit dies of it when mib is too much.
	allocate = Register("test.allocate", func(_ context.Context, mib int) (int, error) {
		var held [][]byte
		for range mib {
			b := make([]byte, 1<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1 // touch every page: the kernel counts what is mapped, the runtime what is used
			}
			held = append(held, b)
		}
		return len(held), nil
	})
)

func runSettings(t *testing.T, key string, opts ...Option) (settings, error) {
	t.Helper()
	p := New(reportSettings, key, opts...)
	if err := p.Start(t.Context()); err != nil {
		return settings{}, err
	}
	return p.Wait(t.Context())
}

func TestWithEnvReachesTheChildAndWinsOverThisProgramsEnvironment(t *testing.T) {
	t.Setenv("TEST_SETTING", "parent's")
	s, err := runSettings(t, "TEST_SETTING")
	require.NoError(t, err)
	assert.Equal(t, "parent's", s.Env, "a child inherits this program's environment")

	s, err = runSettings(t, "TEST_SETTING", WithEnv("TEST_SETTING=child's"))
	require.NoError(t, err)
	assert.Equal(t, "child's", s.Env)
	assert.Equal(t, "parent's", os.Getenv("TEST_SETTING"), "the parent's environment is not touched")
}

func TestWithEnvGOMAXPROCSSetsTheChildsThreads(t *testing.T) {
	for _, n := range []string{"1", "3"} {
		s, err := runSettings(t, "GOMAXPROCS", WithEnv("GOMAXPROCS="+n))
		require.NoError(t, err)
		assert.Equal(t, n, s.Env)
		assert.Equal(t, map[string]int{"1": 1, "3": 3}[n], s.GOMAXPROCS, "the child's runtime reads GOMAXPROCS as it starts")
	}
}

func TestWithEnvRefusesWhatIsNotAnEntryOrIsThisPackagesOwn(t *testing.T) {
	for _, bad := range []string{"GOMAXPROCS", "=1", "PROCESSES_ROLE=worker"} {
		err := New(reportSettings, "", WithEnv(bad)).Start(t.Context())
		require.Error(t, err, bad)
		assert.Contains(t, err.Error(), "WithEnv")
		_, err = NewPool(1, WithEnv(bad))
		require.Error(t, err, bad)
	}
}

func TestWithDirStartsTheChildThere(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	here, err := os.Getwd()
	require.NoError(t, err)

	s, err := runSettings(t, "", WithDir(dir))
	require.NoError(t, err)
	assert.Equal(t, dir, s.Dir)
	now, err := os.Getwd()
	require.NoError(t, err)
	assert.Equal(t, here, now, "the parent's working directory is not touched")

	err = New(reportSettings, "", WithDir(filepath.Join(dir, "missing"))).Start(t.Context())
	require.Error(t, err, "a directory that does not exist")
	assert.Contains(t, err.Error(), "missing")
	require.Error(t, New(reportSettings, "", WithDir("")).Start(t.Context()))
}

func TestWithMemoryLimitIsSetByTheChildAsItStarts(t *testing.T) {
	const limit = 64 << 20
	s, err := runSettings(t, "", WithMemoryLimit(limit))
	require.NoError(t, err)
	assert.Equal(t, int64(limit), s.SoftLimit, "the Go runtime's soft limit")
	if runtime.GOOS != "linux" {
		return
	}
	assert.Greater(t, s.HardLimit, uint64(limit), "the hard limit counts what the child had mapped as it started")
	assert.Less(t, s.HardLimit, uint64(s.Data)+limit+1, "and adds the limit to it")

	free, err := runSettings(t, "")
	require.NoError(t, err)
	assert.Equal(t, int64(1<<63-1), free.SoftLimit, "no option, no limit")

	for _, bad := range []int64{0, -1} {
		require.Error(t, New(reportSettings, "", WithMemoryLimit(bad)).Start(t.Context()))
	}
}

func TestAChildPastItsMemoryLimitDiesOfItAndSaysSo(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the hard limit (RLIMIT_DATA) is set on Linux only")
	}
	const limit = 32 << 20
	p := New(allocate, 8, WithMemoryLimit(limit))
	require.NoError(t, p.Start(t.Context()))
	held, err := p.Wait(t.Context())
	require.NoError(t, err, "8 MiB fit in 32")
	assert.Equal(t, 8, held)

	p = New(allocate, 1024, WithMemoryLimit(limit), WithStderr(io.Discard))
	require.NoError(t, p.Start(t.Context()))
	_, err = p.Wait(t.Context())
	var exit *ExitError
	require.ErrorAs(t, err, &exit)
	assert.True(t, exit.OutOfMemory(), "stderr: %s", exit.Stderr)
	assert.Equal(t, int64(limit), exit.MemoryLimit)
	assert.Contains(t, err.Error(), "it ran out of memory (processes.WithMemoryLimit gave it 32 MiB)")
}

func TestPoolWorkersGetTheSettingsToo(t *testing.T) {
	pool, err := NewPool(2, WithEnv("GOMAXPROCS=1", "TEST_SETTING=worker's"), WithMemoryLimit(256<<20))
	require.NoError(t, err)
	defer func() {
		pool.Close()
		require.NoError(t, pool.Join(context.Background()))
	}()
	got, err := Map(t.Context(), pool, reportSettings, []string{"TEST_SETTING", "TEST_SETTING"}, WithChunkSize(1))
	require.NoError(t, err)
	for _, s := range got {
		assert.Equal(t, "worker's", s.Env)
		assert.Equal(t, 1, s.GOMAXPROCS)
		assert.Equal(t, int64(256<<20), s.SoftLimit)
	}
}

func TestTheMemoryLimitIsNotInheritedAsAVariable(t *testing.T) {
	// A child's own children do not find PROCESSES_MEMORY_LIMIT (nor any of
	// this package's variables) in their environment.
	s, err := runSettings(t, envMemLimit, WithMemoryLimit(64<<20))
	require.NoError(t, err)
	assert.Empty(t, s.Env)
}

func TestFormatBytes(t *testing.T) {
	assert.Equal(t, "64 MiB", formatBytes(64<<20))
	assert.Equal(t, "1.5 GiB", formatBytes(3<<29))
	assert.Equal(t, "2 KiB", formatBytes(2048))
	assert.Equal(t, "1000 bytes", formatBytes(1000))
}
