package repl

import (
	"context"
	"fmt"
	"time"
)

func cmdTime(ctx context.Context, r *repl, arg string) bool {
	if arg == "" {
		fmt.Fprintln(r.ed, "Usage: :time <statement>, for example :time fib(25)")
		r.failed.Store(true)
		return false
	}
	st := r.evalCell(ctx, arg, true)
	if st == nil {
		return false
	}
	fmt.Fprintf(r.ed, "wall %v, CPU %v (user %v, system %v), goroutines of your cells %d → %d\n",
		roughly(time.Duration(st.WallNs)), roughly(time.Duration(st.UserNs+st.SysNs)),
		roughly(time.Duration(st.UserNs)), roughly(time.Duration(st.SysNs)), st.Before, st.After)
	return false
}

// roughly rounds a duration to three or four significant digits.
func roughly(d time.Duration) time.Duration {
	for unit := time.Duration(1); ; unit *= 10 {
		if d < 1000*unit {
			return d.Round(unit)
		}
	}
}
