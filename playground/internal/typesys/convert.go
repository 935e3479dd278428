package typesys

import (
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
)

// typeOf converts a reflect type to a go/types type.
func (im *Importer) typeOf(t reflect.Type) types.Type {
	if tt, ok := im.cache[t]; ok {
		return tt
	}
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return predeclared(t)
		}
		return im.named(t)
	}
	tt := im.underlying(t)
	im.cache[t] = tt
	return tt
}

// predeclared returns a predeclared named type: int, error, ...
func predeclared(t reflect.Type) types.Type {
	if obj := types.Universe.Lookup(t.Name()); obj != nil {
		if tn, ok := obj.(*types.TypeName); ok {
			return tn.Type()
		}
	}
	if b := basic(t.Kind()); b != nil {
		return b
	}
	return types.Typ[types.Invalid]
}

// named converts a defined type, with its methods.
func (im *Importer) named(t reflect.Type) types.Type {
	pkg := im.pkg(t.PkgPath(), "")
	tn := types.NewTypeName(token.NoPos, pkg, t.Name(), nil)
	n := types.NewNamed(tn, nil, nil)
	im.cache[t] = n
	if pkg.Scope().Lookup(t.Name()) == nil {
		pkg.Scope().Insert(tn)
	}
	n.SetUnderlying(im.underlying(t))
	if t.Kind() == reflect.Interface {
		return n
	}
	own := map[string]bool{}
	for i := range t.NumMethod() {
		m := t.Method(i)
		own[m.Name] = true
		recv := types.NewVar(token.NoPos, pkg, "", n)
		n.AddMethod(types.NewFunc(token.NoPos, pkg, m.Name, im.signature(m.Type, recv)))
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		m := pt.Method(i)
		if own[m.Name] {
			continue
		}
		recv := types.NewVar(token.NoPos, pkg, "", types.NewPointer(n))
		n.AddMethod(types.NewFunc(token.NoPos, pkg, m.Name, im.signature(m.Type, recv)))
	}
	return n
}

// underlying converts the structure of t, ignoring its name.
func (im *Importer) underlying(t reflect.Type) types.Type {
	if b := basic(t.Kind()); b != nil {
		return b
	}
	switch t.Kind() {
	case reflect.Array:
		return types.NewArray(im.typeOf(t.Elem()), int64(t.Len()))
	case reflect.Slice:
		return types.NewSlice(im.typeOf(t.Elem()))
	case reflect.Pointer:
		return types.NewPointer(im.typeOf(t.Elem()))
	case reflect.Map:
		return types.NewMap(im.typeOf(t.Key()), im.typeOf(t.Elem()))
	case reflect.Chan:
		dir := types.SendRecv
		switch t.ChanDir() {
		case reflect.SendDir:
			dir = types.SendOnly
		case reflect.RecvDir:
			dir = types.RecvOnly
		}
		return types.NewChan(dir, im.typeOf(t.Elem()))
	case reflect.Func:
		return im.signature(t, nil)
	case reflect.Interface:
		return im.iface(t)
	case reflect.Struct:
		return im.strct(t)
	}
	return types.Typ[types.Invalid]
}

// signature converts a func type. With recv set, t is a method's type from
// reflect.Type.Method, whose first parameter is the receiver.
func (im *Importer) signature(t reflect.Type, recv *types.Var) *types.Signature {
	first := 0
	if recv != nil {
		first = 1
	}
	var params, results []*types.Var
	for i := first; i < t.NumIn(); i++ {
		params = append(params, types.NewParam(token.NoPos, nil, "", im.typeOf(t.In(i))))
	}
	for i := range t.NumOut() {
		results = append(results, types.NewParam(token.NoPos, nil, "", im.typeOf(t.Out(i))))
	}
	return types.NewSignatureType(recv, nil, nil, types.NewTuple(params...), types.NewTuple(results...), t.IsVariadic())
}

func (im *Importer) iface(t reflect.Type) *types.Interface {
	var methods []*types.Func
	for i := range t.NumMethod() {
		m := t.Method(i)
		pkg := im.methodPkg(m.PkgPath, t)
		methods = append(methods, types.NewFunc(token.NoPos, pkg, m.Name, im.signature(m.Type, nil)))
	}
	it := types.NewInterfaceType(methods, nil)
	it.Complete()
	return it
}

func (im *Importer) strct(t reflect.Type) *types.Struct {
	fields := make([]*types.Var, t.NumField())
	tags := make([]string, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		fields[i] = types.NewField(token.NoPos, im.methodPkg(f.PkgPath, t), f.Name, im.typeOf(f.Type), f.Anonymous)
		tags[i] = string(f.Tag)
	}
	return types.NewStruct(fields, tags)
}

// methodPkg is the package of an unexported method or field (reflect gives
// its path), or of the type's package for an exported one.
func (im *Importer) methodPkg(pkgPath string, t reflect.Type) *types.Package {
	switch {
	case pkgPath != "":
		return im.pkg(pkgPath, "")
	case t.PkgPath() != "":
		return im.pkg(t.PkgPath(), "")
	}
	return nil
}

// basic returns the basic type of a kind, or nil.
func basic(k reflect.Kind) *types.Basic {
	kinds := map[reflect.Kind]types.BasicKind{
		reflect.Bool: types.Bool, reflect.Int: types.Int, reflect.Int8: types.Int8, reflect.Int16: types.Int16,
		reflect.Int32: types.Int32, reflect.Int64: types.Int64, reflect.Uint: types.Uint, reflect.Uint8: types.Uint8,
		reflect.Uint16: types.Uint16, reflect.Uint32: types.Uint32, reflect.Uint64: types.Uint64,
		reflect.Uintptr: types.Uintptr, reflect.Float32: types.Float32, reflect.Float64: types.Float64,
		reflect.Complex64: types.Complex64, reflect.Complex128: types.Complex128, reflect.String: types.String,
		reflect.UnsafePointer: types.UnsafePointer,
	}
	if b, ok := kinds[k]; ok {
		return types.Typ[b]
	}
	return nil
}

// constant converts a constant symbol: yaegi keeps untyped constants as
// constant.Value, typed ones as values of their type.
func (im *Importer) constant(v reflect.Value) (types.Type, constant.Value, bool) {
	if cv, ok := v.Interface().(constant.Value); ok {
		kinds := map[constant.Kind]types.BasicKind{
			constant.Bool: types.UntypedBool, constant.String: types.UntypedString, constant.Int: types.UntypedInt,
			constant.Float: types.UntypedFloat, constant.Complex: types.UntypedComplex,
		}
		k, ok := kinds[cv.Kind()]
		return types.Typ[k], cv, ok
	}
	var cv constant.Value
	switch v.Kind() {
	case reflect.Bool:
		cv = constant.MakeBool(v.Bool())
	case reflect.String:
		cv = constant.MakeString(v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		cv = constant.MakeInt64(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		cv = constant.MakeUint64(v.Uint())
	case reflect.Float32, reflect.Float64:
		cv = constant.MakeFloat64(v.Float())
	default:
		return nil, nil, false
	}
	return im.typeOf(v.Type()), cv, true
}
