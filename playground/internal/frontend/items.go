package frontend

// Item is a top-level piece of a source, as the REPL cuts a cell: a
// declaration (import, func, type, var, const), a statement, or a package
// clause. Its text is Source.Text[Start:End].
type Item struct {
	Start, End int
	Decl       bool // import, func, type, var or const
	Package    bool // a package clause: the source is a whole file
}

// Items cuts src into its top-level declarations and statements, as the
// REPL does before it runs a cell (a program written out from a session
// needs the same cut).
func Items(src *Source) ([]Item, error) {
	items, errs := split(src)
	if len(errs) > 0 {
		return nil, errs
	}
	out := make([]Item, len(items))
	for i, it := range items {
		out[i] = Item{Start: it.start, End: it.end, Decl: it.kind == declItem, Package: it.kind == packageItem}
	}
	return out, nil
}
