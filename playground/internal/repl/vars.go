package repl

import (
	"context"
	"fmt"

	"github.com/gophertutor/concurrency/playground/internal/supervisor"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// cmdVars is :vars: the session's variables, with their types and the
// values they have now in the worker.
func cmdVars(ctx context.Context, r *repl, _ string) bool {
	vars := r.fe.Vars()
	if len(vars) == 0 {
		fmt.Fprintln(r.ed, "No variables yet.")
		return false
	}
	for _, v := range vars {
		// The worker shows the value with its type: "3 // int".
		src := fmt.Sprintf("%s.%s(0)(%s)", wire.HelperAlias, wire.ShowFunc, v.Name)
		if v.Type == "error" {
			// Show says nothing for a nil error, as after a call.
			src = fmt.Sprintf("if %s == nil { println(\"<nil> // error\") } else { %s }", v.Name, src)
		}
		fmt.Fprintf(r.ed, "%s = ", v.Name)
		res, err := r.sess.Eval(ctx, supervisor.Request{Cell: ":vars", Chunks: []supervisor.Chunk{{Src: src}}, Types: map[int]string{0: v.Type}})
		switch {
		case err != nil:
			return r.commandFailed(fmt.Errorf("vars: %w", err))
		case res.Crash != nil:
			r.rep.crash(":vars", res.Crash, res.Restart)
			return r.commandFailed(fmt.Errorf("vars: the worker died while showing %s", v.Name))
		case res.Err != nil:
			fmt.Fprintf(r.ed, "(cannot show: %s)\n", cleanInterpreterMessage(res.Err.Msg))
		}
	}
	return false
}
