// Command cmd writes the playground's generated symbols: run it with
// go generate ./playground/internal/symbols.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/symgen"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "symgen: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	root, err := symgen.ModuleRoot(wd)
	if err != nil {
		return err
	}
	res, err := symgen.Generate(context.Background(), root)
	if err != nil {
		return err
	}
	dir := filepath.Join(root, "playground", "internal", "symbols")
	old, _ := filepath.Glob(filepath.Join(dir, symgen.FilePrefix+"*.go"))
	for _, f := range old {
		if _, keep := res.Files[filepath.Base(f)]; !keep {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	names := make([]string, 0, len(res.Files))
	for name := range res.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), res.Files[name], 0o644); err != nil {
			return err
		}
	}
	fmt.Printf("symgen: wrote %s\n", strings.Join(names, ", "))
	for p, why := range res.Skipped {
		fmt.Fprintf(os.Stderr, "symgen: skipped %s: %s\n", p, why)
	}
	return nil
}
