package frontend

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/typesys"
)

// siteMark matches the site marks markSites writes, and loopMark those it
// writes at the end of a loop's body.
var (
	siteMark = regexp.MustCompile(`__pg\.At\(\d+\); `)
	loopMark = regexp.MustCompile(`; __pg\.At\(\d+\); \}`)
)

// unmarked removes the site marks from src.
func unmarked(src string) string {
	return siteMark.ReplaceAllString(loopMark.ReplaceAllString(src, "}"), "")
}

// marked is all the chunks' source without the //line directives.
func marked(p *Program) string {
	var s string
	for _, c := range p.Chunks {
		s += stripLines(c.Src)
	}
	return s
}

func TestStatementsThatMayBlockAreMarked(t *testing.T) {
	s, p, err := compileCells(t, `import ("sync"; "time")`, `var mu sync.Mutex; var wg sync.WaitGroup`,
		`ch := make(chan int, 1); ch <- 1; x := <-ch; mu.Lock(); mu.Unlock(); wg.Wait(); time.Sleep(0); _ = x + 1`)
	require.NoError(t, err)
	src := marked(p)
	assert.Contains(t, src, "__pg.At(1); ch <- 1")
	assert.Contains(t, src, "__pg.At(2); x := <-ch")
	assert.Contains(t, src, "__pg.At(3); mu.Lock()")
	assert.NotContains(t, src, "__pg.At(4); mu.Unlock()", "Unlock does not block")
	assert.Contains(t, src, "__pg.At(4); wg.Wait()")
	assert.Contains(t, src, "__pg.At(5); time.Sleep(0)")
	assert.NotContains(t, src, "__pg.At(6)")

	site, ok := s.Site(1)
	require.True(t, ok)
	assert.Equal(t, "cell3", site.Src.Name)
	assert.Equal(t, []int{1, 26}, []int{site.Line, site.Col})
	assert.Equal(t, "ch <- 1", site.Text())
	assert.Equal(t, "chan send", site.State("select"), "the interpreter waits with a select")
	assert.Equal(t, "line 1:26", site.Where("cell3"))
	assert.Equal(t, "cell 3, line 1:26", site.Where(""))
	assert.Equal(t, SiteChan, site.Kind)
	assert.True(t, site.Fits("chan send"))
	assert.False(t, site.Fits("sleep"))
	lock, _ := s.Site(3)
	assert.True(t, lock.Fits("sync.Mutex.Lock"))
	_, ok = s.Site(6)
	assert.False(t, ok)
}

func TestARangeOverAChannelIsMarkedAgainAfterItsBody(t *testing.T) {
	s, p, err := compileCells(t, `import "time"`,
		"ch := make(chan int)\ngo func() {\n\tL: for v := range ch {\n\t\tif v > 1 { continue L }\n\t\tselect { case ch <- v: default: }\n\t\ttime.Sleep(0)\n\t}\n}()")
	require.NoError(t, err)
	src := marked(p)
	assert.Contains(t, src, "__pg.At(1); L: for v := range ch {")
	assert.Contains(t, src, "if v > 1 { __pg.At(1); continue L }")
	assert.Contains(t, src, "__pg.At(2); select { case ch <- v: default: }")
	assert.Contains(t, src, "__pg.At(3); time.Sleep(0)\n\t; __pg.At(1); }")
	loop, ok := s.Site(1)
	require.True(t, ok)
	assert.Equal(t, "for v := range ch {", loop.Text())
	assert.Equal(t, "chan receive", loop.State("select"))
	sel, _ := s.Site(2)
	assert.Equal(t, "select {", sel.Text())
	assert.Equal(t, "select", sel.State("select"))
}

func TestFunctionLiteralsAndNestedBlocksAreMarkedWhereTheyRun(t *testing.T) {
	_, p, err := compileCells(t, `done := make(chan bool)`,
		`go func() { done <- true }(); if true { <-done }`)
	require.NoError(t, err)
	src := marked(p)
	assert.Contains(t, src, "go func() { __pg.At(1); done <- true }()", "the go statement itself does not block")
	assert.Contains(t, src, "if true { __pg.At(2); <-done }")
}

func TestSitesInStatementsBeforeADeclarationOfTheCell(t *testing.T) {
	s, p, err := compileCells(t, `import "sync"`, `c := make(chan int); go func() { <-c }(); var wg sync.WaitGroup; wg.Wait()`)
	require.NoError(t, err)
	assert.Contains(t, marked(p), "go func() { __pg.At(1); <-c }()")
	site, ok := s.Site(1)
	require.True(t, ok)
	assert.Equal(t, []int{1, 34}, []int{site.Line, site.Col})
	assert.Equal(t, "<-c", site.Text())
}

func TestALoopWithOneSiteIsMarkedBeforeTheLoop(t *testing.T) {
	s := NewSession(typesys.New())
	compile := func(cell string) string {
		t.Helper()
		p, err := s.Compile(s.NewCell(cell))
		require.NoError(t, err)
		s.Commit(p, len(p.Chunks))
		return marked(p)
	}
	compile(`ch, done := make(chan int), make(chan bool)`)
	assert.Contains(t, compile("go func() {\n\tfor v := range ch {\n\t\t_ = v\n\t}\n\tdone <- true\n}()"),
		"__pg.At(1); for v := range ch {\n\t\t_ = v\n\t}\n\t__pg.At(2); done <- true",
		"a range over a channel whose body marks nothing is marked once")
	assert.Contains(t, compile("for i := 0; i < 10; i++ {\n\tfor j := range 2 {\n\t\tch <- i + j\n\t}\n}"),
		"__pg.At(3); for i := 0; i < 10; i++ {\n\tfor __i1, __n1 := (2) - (2), 2; __i1 < __n1; __i1++ { j := __i1;\n\t\tch <- i + j\n\t}\n}",
		"the only site of nested loops is marked before the outer one")
	assert.Contains(t, compile("f := func() {}\nfor i := 0; i < 2; i++ { ch <- i; f() }"),
		"for i := 0; i < 2; i++ { __pg.At(4); ch <- i; f() }", "f may mark a site")
	assert.Contains(t, compile("for i := 0; i < 2; i++ { ch <- i; <-ch }"),
		"for i := 0; i < 2; i++ { __pg.At(5); ch <- i; __pg.At(6); <-ch }", "two sites take turns")
}
