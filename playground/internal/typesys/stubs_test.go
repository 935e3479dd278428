package typesys

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/playground/internal/symbols"
)

// TestEveryStubTypeChecks imports every package the playground describes
// by a stub: a stub that does not type-check leaves the package's types
// invalid, and cells that use them fail in confusing ways.
func TestEveryStubTypeChecks(t *testing.T) {
	for path := range symbols.Packages {
		t.Run(path, func(t *testing.T) {
			pkg, err := New().Import(path)
			if assert.NoError(t, err) {
				assert.True(t, pkg.Complete())
			}
		})
	}
}
