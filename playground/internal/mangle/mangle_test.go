package mangle

import (
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func TestNamesAreIdentifiers(t *testing.T) {
	pkg := types.NewPackage("example.com/lessons/processes", "processes")
	pair := types.NewNamed(types.NewTypeName(0, pkg, "Identity", nil), types.NewStruct(nil, nil), nil)
	got := Name("Map", []types.Type{types.Typ[types.Int], types.NewSlice(types.NewPointer(pair))})
	assert.Equal(t, "Map__int__L__RP_processes_Identity", got)
	assert.Equal(t, "Register__int__string", Name("Register", []types.Type{types.Typ[types.Int], types.Typ[types.String]}))
}
