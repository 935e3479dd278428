package symgen

import (
	"go/types"
	"sort"

	"github.com/gophertutor/concurrency/playground/internal/mangle"
)

// instance is a generic function or type instantiated with type arguments.
type instance struct {
	obj  types.Object // a *types.Func or a *types.TypeName
	args []types.Type
}

// name is the instance's symbol name.
func (in instance) name() string { return mangle.Name(in.obj.Name(), in.args) }

// instances finds the instantiations to compile in for pkg: each generic
// function whose type parameters are all fixed by matching one of its
// parameter or result types against a seed type (the types of the
// registered functions), and each instantiated generic type of pkg that
// these functions and the seeds mention.
func instances(pkg *types.Package, seeds []types.Type) []instance {
	var out []instance
	seen := map[string]bool{}
	addType := func(t types.Type) {
		walkNamed(t, func(n *types.Named) {
			if n.Obj().Pkg() != pkg || n.TypeArgs().Len() == 0 || hasTypeParam(n) {
				return
			}
			in := instance{obj: n.Obj(), args: typeArgs(n.TypeArgs())}
			if !seen["T "+in.name()] {
				seen["T "+in.name()] = true
				out = append(out, in)
			}
		})
	}
	for _, s := range seeds {
		addType(s)
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		fn, ok := scope.Lookup(name).(*types.Func)
		if !ok || !fn.Exported() {
			continue
		}
		sig := fn.Type().(*types.Signature)
		tps := sig.TypeParams()
		if tps.Len() == 0 {
			continue
		}
		var positions []types.Type
		for v := range sig.Params().Variables() {
			positions = append(positions, v.Type())
		}
		for v := range sig.Results().Variables() {
			positions = append(positions, v.Type())
		}
		for _, pos := range positions {
			for _, seed := range seeds {
				bind := map[*types.TypeParam]types.Type{}
				if !unify(pos, seed, bind) || len(bind) != tps.Len() {
					continue
				}
				args := make([]types.Type, tps.Len())
				for i := range tps.Len() {
					args[i] = bind[tps.At(i)]
				}
				inst, err := types.Instantiate(nil, fn.Type(), args, true)
				if err != nil {
					continue // the type arguments do not satisfy the constraints
				}
				in := instance{obj: fn, args: args}
				if seen["F "+in.name()] {
					continue
				}
				seen["F "+in.name()] = true
				out = append(out, in)
				isig := inst.(*types.Signature)
				for v := range isig.Params().Variables() {
					addType(v.Type())
				}
				for v := range isig.Results().Variables() {
					addType(v.Type())
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name() < out[j].name() })
	return out
}

func typeArgs(l *types.TypeList) []types.Type {
	out := make([]types.Type, l.Len())
	for i := range l.Len() {
		out[i] = l.At(i)
	}
	return out
}

// unify matches a type with type parameters against a concrete type,
// binding the parameters.
func unify(param, concrete types.Type, bind map[*types.TypeParam]types.Type) bool {
	switch p := param.(type) {
	case *types.TypeParam:
		if b, ok := bind[p]; ok {
			return types.Identical(b, concrete)
		}
		bind[p] = concrete
		return true
	case *types.Pointer:
		c, ok := concrete.(*types.Pointer)
		return ok && unify(p.Elem(), c.Elem(), bind)
	case *types.Slice:
		c, ok := concrete.(*types.Slice)
		return ok && unify(p.Elem(), c.Elem(), bind)
	case *types.Array:
		c, ok := concrete.(*types.Array)
		return ok && p.Len() == c.Len() && unify(p.Elem(), c.Elem(), bind)
	case *types.Map:
		c, ok := concrete.(*types.Map)
		return ok && unify(p.Key(), c.Key(), bind) && unify(p.Elem(), c.Elem(), bind)
	case *types.Chan:
		c, ok := concrete.(*types.Chan)
		return ok && unify(p.Elem(), c.Elem(), bind)
	case *types.Named:
		c, ok := concrete.(*types.Named)
		if !ok || c.Origin().Obj() != p.Origin().Obj() || c.TypeArgs().Len() != p.TypeArgs().Len() {
			return false
		}
		for i := range p.TypeArgs().Len() {
			if !unify(p.TypeArgs().At(i), c.TypeArgs().At(i), bind) {
				return false
			}
		}
		return true
	}
	return types.Identical(param, concrete)
}

// walkTypes calls visit with t and with every type t mentions (type
// arguments, elements, keys, parameters and results), each once, until
// visit returns false.
func walkTypes(t types.Type, visit func(types.Type) bool) {
	seen := map[types.Type]bool{}
	stopped := false
	var walk func(types.Type)
	walk = func(t types.Type) {
		if stopped || t == nil || seen[t] {
			return
		}
		seen[t] = true
		if !visit(t) {
			stopped = true
			return
		}
		switch t := t.(type) {
		case *types.Named:
			for a := range t.TypeArgs().Types() {
				walk(a)
			}
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Signature:
			for v := range t.Params().Variables() {
				walk(v.Type())
			}
			for v := range t.Results().Variables() {
				walk(v.Type())
			}
		}
	}
	walk(t)
}

// walkNamed calls f with every named type t mentions.
func walkNamed(t types.Type, f func(*types.Named)) {
	walkTypes(t, func(t types.Type) bool {
		if n, ok := t.(*types.Named); ok {
			f(n)
		}
		return true
	})
}

// hasTypeParam reports whether t still has type parameters in it.
func hasTypeParam(t types.Type) bool {
	found := false
	walkTypes(t, func(t types.Type) bool {
		_, found = t.(*types.TypeParam)
		return !found
	})
	return found
}
