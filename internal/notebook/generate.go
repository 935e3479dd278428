package notebook

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// Generate fills every cell of the README at path: code cells from their
// files, output cells by running their commands (from the repository root),
// each output block followed by its caption and its hash in the directive.
// An output cell whose fresh output differs from the recorded one only in
// what its rules let vary keeps its recorded block, so regenerating does not
// churn timings; with rerecord set, every output is recorded afresh. It
// rewrites the file only when something changed, and logs what it ran.
func Generate(ctx context.Context, path string, rerecord bool, log func(format string, args ...any)) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("generate notebook: %w", err)
	}
	doc, err := Parse(string(data))
	if err != nil {
		return fmt.Errorf("generate notebook %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	root, err := Root(dir)
	if err != nil {
		return err
	}
	for _, c := range doc.Cells {
		if err := fill(ctx, c, dir, root, rerecord, log); err != nil {
			return fmt.Errorf("%s:%d: %w", path, c.Line, err)
		}
	}
	out := doc.Render()
	if out == string(data) {
		return nil
	}
	return os.WriteFile(path, []byte(out), 0o644)
}

func fill(ctx context.Context, c *Cell, dir, root string, rerecord bool, log func(string, ...any)) error {
	switch c.Kind {
	case Code:
		body, lang, err := codeBody(dir, c.Source)
		if err != nil {
			return err
		}
		c.Body, c.Lang = body, lang
		return nil
	case Output:
		rules, err := parseRules(c.Rules)
		if err != nil {
			return err
		}
		if system, other := otherSystem(rules); other && c.Sum != "" {
			log("kept the recorded output of %s: it is %s's", c.Source, system)
			return nil
		}
		log("run %s", c.Source)
		out, err := run(ctx, root, c.Source, nil)
		if err != nil {
			return err
		}
		if reason, ok := skipped(out); ok {
			return fmt.Errorf("cannot record %s on this machine: %s", c.Source, reason)
		}
		fresh := "$ " + c.Source + "\n" + out
		if same, _ := Equivalent(c.Body, fresh, rules); !rerecord && c.Sum != "" && c.Sum == sum(c) && same {
			log("kept the recorded output: the fresh one differs only where its rules allow")
			return nil
		}
		c.Lang = "console"
		c.Body = fresh
		c.Caption = caption(rules)
		c.Sum = sum(c)
		return nil
	}
	return fmt.Errorf("unknown cell kind %q", c.Kind)
}

// caption says where an output was recorded and what may differ on a rerun.
func caption(rules []Rule) string {
	varies := "nothing may differ"
	if d := describe(rules); d != "" {
		varies = "may differ: " + d
	}
	return fmt.Sprintf("%s%s/%s with %d CPUs and %s. Checked by TestREADME; %s.</sub>",
		captionPrefix, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), varies)
}

// sum is the hash of an output cell's block and caption as recorded.
func sum(c *Cell) string {
	h := sha256.Sum256([]byte(c.Body + "\n" + c.Caption))
	return hex.EncodeToString(h[:6])
}
