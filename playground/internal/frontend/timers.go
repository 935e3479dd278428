package frontend

import (
	"go/ast"
	"go/types"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// timerHooks are the helpers that stand for the methods of the time
// package's timers, by type and method.
var timerHooks = map[string]map[string]string{
	"Timer":  {"Stop": wire.TimerStopFunc, "Reset": wire.TimerResetFunc},
	"Ticker": {"Stop": wire.TickerStopFunc, "Reset": wire.TickerResetFunc},
}

// timerMethod rewrites t.Stop and t.Reset, for t a *time.Timer or a
// *time.Ticker, to the worker's helpers, which call the method and note
// what became of the timer: its deadlock detector must know whether a
// timer may still fire. Called or not (defer t.Stop(), f := t.Stop), the
// helper's result is the method value: __pg.TimerStop(t)() stops t. A
// timer reached another way (an embedded field, an interface, compiled
// code) is stopped unseen, and counts as pending as long as it may fire.
func (r *rewriter) timerMethod(sel *ast.SelectorExpr) {
	s, ok := r.info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal || len(s.Index()) != 1 {
		return // not a method value, or one promoted from an embedded field
	}
	ptr, ok := s.Recv().(*types.Pointer)
	if !ok {
		return
	}
	named, ok := ptr.Elem().(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "time" {
		return
	}
	hook, ok := timerHooks[named.Obj().Name()][sel.Sel.Name]
	if !ok {
		return
	}
	r.ed.insert(r.off(sel.Pos()), wire.HelperAlias+"."+hook+"(")
	r.ed.replace(r.off(sel.X.End()), r.off(sel.End()), ")")
}
