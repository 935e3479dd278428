// Package fds lists the file descriptors this process has open, so a check
// can tell which ones a learner's code opened and never closed (a pipe end
// left open is a classic: the reader then never sees end-of-file).
package fds

import (
	"errors"
	"os"
	"runtime"
	"slices"
	"strconv"
)

// ErrUnsupported is returned where this package cannot list descriptors.
var ErrUnsupported = errors.New("listing open files is not supported on this system")

// Open returns the open file descriptors, sorted.
func Open() ([]int, error) {
	dir := "/proc/self/fd"
	if runtime.GOOS != "linux" {
		dir = "/dev/fd"
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, ErrUnsupported
	}
	names, err := f.Readdirnames(-1)
	self := int(f.Fd())
	f.Close()
	if err != nil {
		return nil, err
	}
	var out []int
	for _, n := range names {
		fd, err := strconv.Atoi(n)
		if err == nil && fd != self {
			out = append(out, fd)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Since returns the descriptors open now that were not in before.
func Since(before []int) []int {
	now, err := Open()
	if err != nil {
		return nil
	}
	return slices.DeleteFunc(now, func(fd int) bool { _, found := slices.BinarySearch(before, fd); return found })
}

// Describe says what a descriptor is, where the system tells ("pipe:[1234]").
func Describe(fd int) string {
	if target, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(fd)); err == nil {
		return target
	}
	return "fd " + strconv.Itoa(fd)
}
