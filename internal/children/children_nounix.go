//go:build !unix

package children

import "os"

var osGetpid = os.Getpid

func list(int) ([]Child, error) { return nil, ErrUnsupported }
