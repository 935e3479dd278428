package frontend

import (
	"go/scanner"
	"go/token"
	"unicode/utf8"
)

// itemKind says what a top-level piece of a cell is.
type itemKind int

const (
	stmtItem    itemKind = iota
	declItem             // import, func, type, var, const
	packageItem          // a package clause: the cell is a whole file
)

// item is a top-level declaration or statement of a cell.
type item struct {
	start, end int // byte offsets in the source: text[start:end]
	kind       itemKind
	tok        token.Token // the first token
}

// split cuts a cell into its top-level items: what is separated by
// semicolons (written or automatic) outside of any bracket.
func split(src *Source) ([]item, ErrorList) {
	if errs := invalidUTF8(src); len(errs) > 0 {
		return nil, errs
	}
	var errs ErrorList
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile(src.Name, -1, len(src.Text))
	s.Init(file, []byte(src.Text), func(pos token.Position, msg string) {
		e := newError(src, pos.Offset, msg)
		if msg == replacementCharMsg {
			e = notUTF8(src, pos.Offset, "U+FFFD '\uFFFD' stands for bytes that were not UTF-8 text (a terminal shows them so); Go source must be UTF-8")
		}
		errs = append(errs, e)
	}, 0)

	var (
		items  []item
		cur    *item
		toks   []token.Token // the tokens of the current item, up to a few
		depth  int
		header bool        // in the header of a for, if or switch: its semicolons do not end it
		prev   token.Token // the token before this one
	)
	finish := func() {
		if cur != nil {
			cur.kind = classify(toks)
			items = append(items, *cur)
		}
		cur, toks, header = nil, toks[:0], false
	}
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		off := file.Offset(pos)
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
			if tok == token.RBRACE && depth <= 0 {
				header = false // the body has begun and ended: "for i := 0; i < n; i++ { ... }"
			}
		case token.SEMICOLON:
			if depth <= 0 && !header {
				finish()
				continue
			}
		case token.FOR, token.IF, token.SWITCH:
			// A header keyword opening the item, after a label (L: for),
			// or after else.
			if depth <= 0 && (len(toks) == 0 || len(toks) == 2 && toks[0] == token.IDENT && toks[1] == token.COLON ||
				prev == token.ELSE) {
				header = true
			}
		}
		if cur == nil {
			cur = &item{start: off, tok: tok}
		}
		cur.end = off + len(tokenText(tok, lit))
		if len(toks) < 64 {
			toks = append(toks, tok)
		}
		prev = tok
	}
	finish()
	return items, errs
}

// tokenText is the source text of a token.
func tokenText(tok token.Token, lit string) string {
	if lit != "" {
		return lit
	}
	return tok.String()
}

// classify tells a declaration from a statement by its first tokens. A
// func is a declaration when a name follows it, or a receiver and then a
// name; otherwise it is a function literal, in a statement.
func classify(toks []token.Token) itemKind {
	switch toks[0] {
	case token.PACKAGE:
		return packageItem
	case token.IMPORT, token.TYPE, token.VAR, token.CONST:
		return declItem
	case token.FUNC:
	default:
		return stmtItem
	}
	if len(toks) > 1 && toks[1] == token.IDENT {
		return declItem
	}
	if len(toks) > 1 && toks[1] == token.LPAREN {
		depth := 0
		for i := 1; i < len(toks); i++ {
			switch toks[i] {
			case token.LPAREN:
				depth++
			case token.RPAREN:
				depth--
				if depth == 0 {
					if i+2 < len(toks) && toks[i+1] == token.IDENT && toks[i+2] == token.LPAREN {
						return declItem // func (r T) Name(: a method
					}
					return stmtItem
				}
			}
		}
	}
	return stmtItem
}

// NeedsMore reports whether src stops in the middle of something — an
// open bracket, a string or comment not closed, a line ending where Go does
// not end a statement (after an operator or a comma) — so that the REPL
// should read another line.
//
// A line that no later one can make valid Go — bytes that are not UTF-8, a
// character Go has no token for — needs no more: the cell ends there and
// its error shows at once, rather than the next line be read into it.
func NeedsMore(src string) bool {
	if !utf8.ValidString(src) {
		return false
	}
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	unterminated := false
	s.Init(file, []byte(src), func(_ token.Position, msg string) {
		if msg == "raw string literal not terminated" || msg == "comment not terminated" {
			unterminated = true
		}
	}, scanner.ScanComments)
	depth := 0
	last := token.SEMICOLON
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.ILLEGAL:
			return false
		case token.COMMENT:
			continue
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		}
		if tok == token.SEMICOLON && lit == "\n" {
			last = token.SEMICOLON
			continue
		}
		last = tok
	}
	return unterminated || depth > 0 || !endsStatement(last)
}

// endsStatement reports whether a line may end after tok: the tokens after
// which Go inserts a semicolon at a newline, and a semicolon itself.
func endsStatement(tok token.Token) bool {
	switch tok {
	case token.SEMICOLON, token.IDENT, token.INT, token.FLOAT, token.IMAG, token.CHAR, token.STRING,
		token.BREAK, token.CONTINUE, token.FALLTHROUGH, token.RETURN,
		token.INC, token.DEC, token.RPAREN, token.RBRACK, token.RBRACE:
		return true
	}
	return false
}
