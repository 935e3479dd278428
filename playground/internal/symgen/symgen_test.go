package symgen

import (
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

const lib = `package lib

import "context"

type Func[A, R any] struct{ name string }

type Pair[A, B any] struct {
	First  A
	Second B
}

type Job[R any] struct{}

func (j *Job[R]) Wait(ctx context.Context) (R, error) { var r R; return r, nil }

func Register[A, R any](name string, fn func(context.Context, A) (R, error)) *Func[A, R] { return nil }

func Map[A, R any](ctx context.Context, fn *Func[A, R], args []A) ([]R, error) { return nil, nil }

func Start[A, R any](fn *Func[A, R], arg A) *Job[R] { return nil }

func Starmap[A, B, R any](fn *Func[Pair[A, B], R], args []Pair[A, B]) []R { return nil }

func Keys[K comparable, V any](m map[K]V) []K { return nil }

var Square = Register("square", func(_ context.Context, n int) (int, error) { return n * n, nil })

var Add = Register("add", func(_ context.Context, p Pair[int, int]) (int, error) { return p.First + p.Second, nil })

type Stringer interface{ String(args ...any) string }

const Untyped = 1 << 40

func unexported() {}
`

func checkLib(t *testing.T) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "lib.go", lib, 0)
	require.NoError(t, err)
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("example.com/lib", fset, []*ast.File{f}, nil)
	require.NoError(t, err)
	return pkg
}

func seedsOf(pkg *types.Package) []types.Type {
	var seeds []types.Type
	for _, n := range pkg.Scope().Names() {
		if v, ok := pkg.Scope().Lookup(n).(*types.Var); ok {
			seeds = append(seeds, v.Type())
		}
	}
	return seeds
}

func TestInstancesFollowTheRegisteredFunctions(t *testing.T) {
	pkg := checkLib(t)
	var names []string
	for _, in := range instances(pkg, seedsOf(pkg)) {
		names = append(names, in.name())
	}
	assert.ElementsMatch(t, []string{
		"Map__int__int", "Map__lib_PairL_int_int_R__int",
		"Register__int__int", "Register__lib_PairL_int_int_R__int",
		"Start__int__int", "Start__lib_PairL_int_int_R__int",
		"Starmap__int__int__int",
		"Func__int__int", "Func__lib_PairL_int_int_R__int", "Job__int", "Pair__int__int",
	}, names, "Keys has no type parameter a registered function fixes")
}

func TestUnify(t *testing.T) {
	pkg := checkLib(t)
	mapFn := pkg.Scope().Lookup("Map").(*types.Func)
	sig := mapFn.Type().(*types.Signature)
	square := pkg.Scope().Lookup("Square").Type()
	bind := map[*types.TypeParam]types.Type{}
	require.True(t, unify(sig.Params().At(1).Type(), square, bind))
	assert.Len(t, bind, 2)
	assert.False(t, unify(sig.Params().At(1).Type(), types.Typ[types.Int], map[*types.TypeParam]types.Type{}))
}

func TestStubTypeChecks(t *testing.T) {
	pkg := checkLib(t)
	src := stub(pkg)
	assert.Contains(t, src, "func Map[A, R any](ctx context.Context, fn *Func[A, R], args []A) ([]R, error) { panic(0) }")
	assert.Contains(t, src, "type Pair[A any, B any] struct{First A; Second B}")
	assert.NotContains(t, src, "unexported()")
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "stub.go", src, 0)
	require.NoError(t, err, src)
	_, err = (&types.Config{Importer: importer.Default()}).Check("example.com/lib", fset, []*ast.File{f}, nil)
	require.NoError(t, err, src)
}

func TestEmitWritesSymbolsWrappersAndInstances(t *testing.T) {
	pkg := checkLib(t)
	out, err := format.Source([]byte(emit(pkg, seedsOf(pkg))))
	require.NoError(t, err)
	src := string(out)
	for _, want := range []string{
		`Symbols["example.com/lib/lib"]`,
		`"Map__int__int":`,
		`reflect.ValueOf(lib.Map[int, int])`,
		`reflect.ValueOf((*lib.Pair[int, int])(nil))`,
		`reflect.ValueOf(&lib.Square).Elem()`,
		`reflect.ValueOf(constant.MakeFromLiteral("1099511627776", token.INT, 0))`,
		`reflect.ValueOf((*_example_com_lib_Stringer)(nil))`,
		`func (W _example_com_lib_Stringer) String(a0 ...any) string { return W.WString(a0...) }`,
		`Generic: []string{"Func", "Job", "Keys", "Map", "Pair", "Register", "Starmap", "Start"}`,
	} {
		assert.Contains(t, src, want)
	}
	assert.False(t, strings.Contains(src, "ChildGuards"), "lib has no RunChildIfRequested")
}
