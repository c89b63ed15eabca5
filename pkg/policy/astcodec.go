package policy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The compiled form of rules: OPA's modules after every compiler stage,
// written node by node (OPA has no serialised form of compiled rules: its
// JSON form of modules is for parsed ones, and misses nodes the compiler
// makes). Only what evaluation reads is written: packages, rules, heads,
// bodies, expressions and terms with their locations (file, row, column,
// and the source text, as a slice of the source file), and the names the
// compiler gave local variables. Imports (resolved by then), comments and
// annotations (read at build time) are left out. A node of a kind the
// encoder does not know is an error, never skipped.

const astMagic = "golint-docker compiled rules 2\n"

// Term and expression tags.
const (
	tNil byte = iota
	tNull
	tFalse
	tTrue
	tNumber
	tString
	tVar
	tRef
	tArray
	tSet
	tObject
	tArrayCompr
	tSetCompr
	tObjectCompr
	tCall
)

const (
	eTerm byte = iota
	eTerms
	eEvery
	eSome
)

type astEncoder struct {
	buf     []byte
	strs    map[string]uint64
	strList []string
	locs    map[*ast.Location]uint64
	locList []*ast.Location
	src     map[string][]byte
}

// encodeModules writes compiled modules. src holds each file's source
// (by the name locations carry), for location texts.
func encodeModules(mods map[string]*ast.Module, rewritten map[ast.Var]ast.Var, src map[string][]byte) (out []byte, err error) {
	e := &astEncoder{strs: map[string]uint64{"": 0}, strList: []string{""}, locs: map[*ast.Location]uint64{nil: 0}, locList: []*ast.Location{nil}, src: src}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("encoding the compiled rules: %v", r)
		}
	}()
	names := make([]string, 0, len(mods))
	for name := range mods {
		names = append(names, name)
	}
	sort.Strings(names)
	var body []byte
	e.buf = body
	e.uint(uint64(len(names)))
	for _, name := range names {
		e.module(name, mods[name])
	}
	vars := make([]ast.Var, 0, len(rewritten))
	for k := range rewritten {
		vars = append(vars, k)
	}
	sort.Slice(vars, func(i, j int) bool { return vars[i] < vars[j] })
	e.uint(uint64(len(vars)))
	for _, k := range vars {
		e.str(string(k))
		e.str(string(rewritten[k]))
	}
	body = e.buf
	e.buf = nil
	e.uint(uint64(len(e.locList) - 1))
	for _, l := range e.locList[1:] {
		e.location(l)
	}
	locs := e.buf

	// The tables come first, so that the decoder has them when it needs
	// them: the strings (the locations add to them), then the locations.
	e.buf = append([]byte(nil), astMagic...)
	e.uint(uint64(len(e.strList)))
	for _, s := range e.strList {
		e.buf = binary.AppendUvarint(e.buf, uint64(len(s)))
		e.buf = append(e.buf, s...)
	}
	e.buf = append(e.buf, locs...)
	return append(e.buf, body...), nil
}

func (e *astEncoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }

// list writes the length of a list: 0 for nil, else one more than it.
func (e *astEncoder) list(n int, isNil bool) {
	if isNil {
		e.uint(0)
		return
	}
	e.uint(uint64(n) + 1)
}
func (e *astEncoder) int(v int)   { e.buf = binary.AppendVarint(e.buf, int64(v)) }
func (e *astEncoder) byte(b byte) { e.buf = append(e.buf, b) }

func (e *astEncoder) bool(b bool) {
	if b {
		e.byte(1)
	} else {
		e.byte(0)
	}
}

func (e *astEncoder) str(s string) {
	i, ok := e.strs[s]
	if !ok {
		i = uint64(len(e.strList))
		e.strs[s] = i
		e.strList = append(e.strList, s)
	}
	e.uint(i)
}

func (e *astEncoder) loc(l *ast.Location) {
	i, ok := e.locs[l]
	if !ok {
		i = uint64(len(e.locList))
		e.locs[l] = i
		e.locList = append(e.locList, l)
	}
	e.uint(i)
}

// location writes a location; its text as an offset into its file's
// source when it is that (as the parser makes them), else as it is.
func (e *astEncoder) location(l *ast.Location) {
	e.str(l.File)
	e.int(l.Row)
	e.int(l.Col)
	e.int(l.Offset)
	e.list(len(l.Tabs), l.Tabs == nil)
	for _, t := range l.Tabs {
		e.int(t)
	}
	src := e.src[l.File]
	if l.Text != nil && l.Offset >= 0 && l.Offset+len(l.Text) <= len(src) && string(src[l.Offset:l.Offset+len(l.Text)]) == string(l.Text) {
		e.byte(1)
		e.uint(uint64(len(l.Text)))
		return
	}
	if l.Text == nil {
		e.byte(0)
		return
	}
	e.byte(2)
	e.str(string(l.Text))
}

// module writes a module's name and then the module, framed by its length
// so that the decoder can read modules in parallel.
func (e *astEncoder) module(name string, m *ast.Module) {
	e.str(name)
	outer := e.buf
	e.buf = nil
	e.moduleBody(m)
	body := e.buf
	e.buf = outer
	e.uint(uint64(len(body)))
	e.buf = append(e.buf, body...)
}

func (e *astEncoder) moduleBody(m *ast.Module) {
	e.terms(m.Package.Path)
	e.loc(m.Package.Location)
	e.uint(uint64(len(m.Rules)))
	for _, r := range m.Rules {
		e.rule(r)
	}
}

func (e *astEncoder) rule(r *ast.Rule) {
	h := r.Head
	e.str(string(h.Name))
	e.terms(h.Reference)
	e.terms(h.Args)
	e.term(h.Key)
	e.term(h.Value)
	e.bool(h.Assign)
	e.loc(h.Location)
	e.body(r.Body)
	e.bool(r.Default)
	e.loc(r.Location)
	if r.Else == nil {
		e.byte(0)
		return
	}
	e.byte(1)
	e.rule(r.Else)
}

func (e *astEncoder) body(b ast.Body) {
	e.list(len(b), b == nil)
	for _, x := range b {
		e.expr(x)
	}
}

func (e *astEncoder) expr(x *ast.Expr) {
	e.int(x.Index)
	e.bool(x.Negated)
	e.bool(x.Generated)
	e.loc(x.Location)
	e.list(len(x.With), x.With == nil)
	for _, w := range x.With {
		e.term(w.Target)
		e.term(w.Value)
		e.loc(w.Location)
	}
	switch t := x.Terms.(type) {
	case *ast.Term:
		e.byte(eTerm)
		e.term(t)
	case []*ast.Term:
		e.byte(eTerms)
		e.terms(t)
	case *ast.Every:
		e.byte(eEvery)
		e.term(t.Key)
		e.term(t.Value)
		e.term(t.Domain)
		e.body(t.Body)
		e.loc(t.Location)
	case *ast.SomeDecl:
		e.byte(eSome)
		e.terms(t.Symbols)
		e.loc(t.Location)
	default:
		panic(fmt.Sprintf("expression of kind %T", x.Terms))
	}
}

func (e *astEncoder) terms(ts []*ast.Term) {
	e.list(len(ts), ts == nil)
	for _, t := range ts {
		e.term(t)
	}
}

func (e *astEncoder) term(t *ast.Term) {
	if t == nil {
		e.byte(tNil)
		return
	}
	e.value(t.Value)
	e.loc(t.Location)
}

func (e *astEncoder) value(v ast.Value) {
	switch v := v.(type) {
	case ast.Null:
		e.byte(tNull)
	case ast.Boolean:
		if v {
			e.byte(tTrue)
		} else {
			e.byte(tFalse)
		}
	case ast.Number:
		e.byte(tNumber)
		e.str(string(v))
	case ast.String:
		e.byte(tString)
		e.str(string(v))
	case ast.Var:
		e.byte(tVar)
		e.str(string(v))
	case ast.Ref:
		e.byte(tRef)
		e.terms(v)
	case *ast.Array:
		e.byte(tArray)
		e.list(v.Len(), false)
		for i := range v.Len() {
			e.term(v.Elem(i))
		}
	case ast.Set:
		e.byte(tSet)
		e.terms(v.Slice())
	case ast.Object:
		e.byte(tObject)
		keys := v.Keys()
		e.uint(uint64(len(keys)))
		for _, k := range keys {
			e.term(k)
			e.term(v.Get(k))
		}
	case *ast.ArrayComprehension:
		e.byte(tArrayCompr)
		e.term(v.Term)
		e.body(v.Body)
	case *ast.SetComprehension:
		e.byte(tSetCompr)
		e.term(v.Term)
		e.body(v.Body)
	case *ast.ObjectComprehension:
		e.byte(tObjectCompr)
		e.term(v.Key)
		e.term(v.Value)
		e.body(v.Body)
	case ast.Call:
		e.byte(tCall)
		e.terms(v)
	default:
		panic(fmt.Sprintf("a term of kind %T", v))
	}
}

// astDecoder reads what astEncoder wrote. A malformed input panics with
// errBadCompiled, which decodeModules turns into an error.
type astDecoder struct {
	b    []byte
	strs []string
	locs []*ast.Location
	// Values are immutable: one per string, variable and number name
	// serves every term that holds it. Terms, expressions and term lists
	// come from slabs, a few allocations for tens of thousands of nodes.
	strVals, varVals, numVals []ast.Value
	termSlab                  []ast.Term
	exprSlab                  []ast.Expr
	listSlab                  []*ast.Term
	// comprehensions counts the comprehensions decoded, so that module
	// can tell the rules that hold one.
	comprehensions int
}

// slab returns the next n items of *s, refilling it in blocks.
func slab[T any](s *[]T, n int) []T {
	if len(*s) < n {
		*s = make([]T, max(n, 4096))
		prefault(*s)
	}
	out := (*s)[:n:n]
	*s = (*s)[n:]
	return out
}

// interned returns the value of kind make for string i, made once.
func (d *astDecoder) interned(cache *[]ast.Value, i uint64, mk func(string) ast.Value) ast.Value {
	if *cache == nil {
		*cache = make([]ast.Value, len(d.strs))
	}
	if (*cache)[i] == nil {
		(*cache)[i] = mk(d.strs[i])
	}
	return (*cache)[i]
}

func (d *astDecoder) strIndex() uint64 {
	i := d.uint()
	if i >= uint64(len(d.strs)) {
		panic("a string")
	}
	return i
}

var errBadCompiled = errors.New("malformed compiled rules")

// decodeModules decodes what Precompile encoded: the modules, the
// rewritten variables' names, and for each module the rules that hold a
// comprehension (an else branch's included), in order.
func decodeModules(raw []byte, src map[string][]byte) (mods map[string]*ast.Module, rewritten map[ast.Var]ast.Var, comprehensions map[string][]*ast.Rule, err error) {
	if len(raw) < len(astMagic) || string(raw[:len(astMagic)]) != astMagic {
		return nil, nil, nil, errBadCompiled
	}
	d := &astDecoder{b: raw[len(astMagic):]}
	defer func() {
		if r := recover(); r != nil {
			mods, rewritten, comprehensions, err = nil, nil, nil, fmt.Errorf("%w: %v", errBadCompiled, r)
		}
	}()
	// The strings share one allocation: the table, lengths and all, copied
	// once, and each string a slice of it.
	n := d.count()
	d.strs = make([]string, n)
	table := d.b
	type span struct{ start, end int }
	spans := make([]span, n)
	for i := range spans {
		k := d.count()
		start := len(table) - len(d.b)
		d.take(k)
		spans[i] = span{start, start + k}
	}
	text := string(table[:len(table)-len(d.b)])
	for i, sp := range spans {
		d.strs[i] = text[sp.start:sp.end]
	}
	n = d.count()
	d.locs = make([]*ast.Location, n+1)
	all := make([]ast.Location, n)
	prefault(all)
	var tabs []int
	for i := range all {
		l := &all[i]
		l.File = d.str()
		l.Row, l.Col, l.Offset = d.int(), d.int(), d.int()
		if n, ok := d.list(); ok {
			l.Tabs = []int{}
			if n > 0 {
				l.Tabs = slab(&tabs, n)
			}
			for j := range l.Tabs {
				l.Tabs[j] = d.int()
			}
		}
		switch d.byte() {
		case 0:
		case 1:
			s := src[l.File]
			end := l.Offset + d.count()
			if l.Offset < 0 || end > len(s) {
				panic("a location outside its file")
			}
			l.Text = s[l.Offset:end:end]
		case 2:
			l.Text = []byte(d.str())
		default:
			panic("a location's text")
		}
		d.locs[i+1] = l
	}
	n = d.count()
	names, bodies := make([]string, n), make([][]byte, n)
	for i := range n {
		names[i] = d.str()
		bodies[i] = d.take(d.count())
	}
	decoded, compr, err := decodeInParallel(d, bodies)
	if err != nil {
		return nil, nil, nil, err
	}
	mods = make(map[string]*ast.Module, n)
	comprehensions = make(map[string][]*ast.Rule, n)
	for i, name := range names {
		mods[name] = decoded[i]
		comprehensions[name] = compr[i]
	}
	n = d.count()
	rewritten = make(map[ast.Var]ast.Var, n)
	for range n {
		k := ast.Var(d.str())
		rewritten[k] = ast.Var(d.str())
	}
	if len(d.b) != 0 {
		panic("trailing bytes")
	}
	return mods, rewritten, comprehensions, nil
}

// decodeInParallel decodes the modules' bodies on up to GOMAXPROCS
// goroutines (the start-up of a run that compiles the rules waits for it),
// each with its own decoder over the shared string and location tables.
func decodeInParallel(d *astDecoder, bodies [][]byte) ([]*ast.Module, [][]*ast.Rule, error) {
	out := make([]*ast.Module, len(bodies))
	compr := make([][]*ast.Rule, len(bodies))
	var next atomic.Int64
	workers := min(runtime.GOMAXPROCS(0), len(bodies), 8)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					errs[w] = fmt.Errorf("%w: %v", errBadCompiled, r)
				}
			}()
			wd := &astDecoder{strs: d.strs, locs: d.locs}
			for i := int(next.Add(1) - 1); i < len(bodies); i = int(next.Add(1) - 1) {
				wd.b = bodies[i]
				out[i], compr[i] = wd.module()
				if len(wd.b) != 0 {
					panic("trailing bytes in a module")
				}
			}
		}()
	}
	wg.Wait()
	return out, compr, errors.Join(errs...)
}

// module decodes a module, and lists its rules that hold a comprehension.
func (d *astDecoder) module() (*ast.Module, []*ast.Rule) {
	m := &ast.Module{Package: &ast.Package{Path: ast.Ref(d.terms())}}
	m.Package.Location = d.loc()
	m.SetRegoVersion(ast.RegoV1)
	m.Rules = make([]*ast.Rule, d.count())
	var compr []*ast.Rule
	for i := range m.Rules {
		before := d.comprehensions
		m.Rules[i] = d.rule(m)
		if d.comprehensions != before {
			compr = append(compr, m.Rules[i])
		}
	}
	return m, compr
}

func (d *astDecoder) take(n int) []byte {
	if n < 0 || n > len(d.b) {
		panic("short")
	}
	out := d.b[:n:n]
	d.b = d.b[n:]
	return out
}

func (d *astDecoder) byte() byte { return d.take(1)[0] }

func (d *astDecoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		panic("a number")
	}
	d.b = d.b[n:]
	return v
}

// count reads a length no larger than what is left to read.
func (d *astDecoder) count() int {
	v := d.uint()
	if v > uint64(len(d.b)) || v > math.MaxInt32 {
		panic("a length")
	}
	return int(v)
}

// list reads a list's length; ok is false for nil.
func (d *astDecoder) list() (n int, ok bool) {
	v := d.uint()
	if v == 0 {
		return 0, false
	}
	if v-1 > uint64(len(d.b)) {
		panic("a length")
	}
	return int(v - 1), true
}

func (d *astDecoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		panic("a number")
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *astDecoder) bool() bool { return d.byte() != 0 }

func (d *astDecoder) str() string { return d.strs[d.strIndex()] }

func (d *astDecoder) loc() *ast.Location {
	i := d.uint()
	if i >= uint64(len(d.locs)) {
		panic("a location")
	}
	return d.locs[i]
}

func (d *astDecoder) rule(m *ast.Module) *ast.Rule {
	h := &ast.Head{Name: ast.Var(d.str())}
	if ref := d.terms(); ref != nil {
		h.Reference = ast.Ref(ref)
	}
	if args := d.terms(); args != nil {
		h.Args = ast.Args(args)
	}
	h.Key = d.term()
	h.Value = d.term()
	h.Assign = d.bool()
	h.Location = d.loc()
	r := &ast.Rule{Head: h, Module: m}
	r.Body = d.body()
	r.Default = d.bool()
	r.Location = d.loc()
	if d.bool() {
		r.Else = d.rule(m)
	}
	return r
}

func (d *astDecoder) body() ast.Body {
	n, ok := d.list()
	if !ok {
		return nil
	}
	b := make(ast.Body, n)
	for i := range b {
		b[i] = d.expr()
	}
	return b
}

func (d *astDecoder) expr() *ast.Expr {
	x := &slab(&d.exprSlab, 1)[0]
	x.Index, x.Negated, x.Generated = d.int(), d.bool(), d.bool()
	x.Location = d.loc()
	if n, ok := d.list(); ok {
		x.With = make([]*ast.With, n)
		for i := range x.With {
			w := &ast.With{Target: d.term(), Value: d.term()}
			w.Location = d.loc()
			x.With[i] = w
		}
	}
	switch d.byte() {
	case eTerm:
		x.Terms = d.term()
	case eTerms:
		x.Terms = d.terms()
	case eEvery:
		ev := &ast.Every{Key: d.term(), Value: d.term(), Domain: d.term(), Body: d.body()}
		ev.Location = d.loc()
		x.Terms = ev
	case eSome:
		s := &ast.SomeDecl{Symbols: d.terms()}
		s.Location = d.loc()
		x.Terms = s
	default:
		panic("an expression")
	}
	return x
}

func (d *astDecoder) terms() []*ast.Term {
	n, ok := d.list()
	if !ok {
		return nil
	}
	ts := slab(&d.listSlab, n)
	for i := range ts {
		ts[i] = d.term()
	}
	return ts
}

func (d *astDecoder) term() *ast.Term {
	tag := d.byte()
	if tag == tNil {
		return nil
	}
	t := &slab(&d.termSlab, 1)[0]
	t.Value = d.value(tag)
	t.Location = d.loc()
	return t
}

func (d *astDecoder) value(tag byte) ast.Value {
	switch tag {
	case tNull:
		return ast.NullValue
	case tFalse:
		return ast.Boolean(false)
	case tTrue:
		return ast.Boolean(true)
	case tNumber:
		return d.interned(&d.numVals, d.strIndex(), func(s string) ast.Value { return ast.Number(s) })
	case tString:
		return d.interned(&d.strVals, d.strIndex(), func(s string) ast.Value { return ast.String(s) })
	case tVar:
		return d.interned(&d.varVals, d.strIndex(), func(s string) ast.Value { return ast.Var(s) })
	case tRef:
		return ast.Ref(d.terms())
	case tArray:
		return ast.NewArray(d.terms()...)
	case tSet:
		return ast.NewSet(d.terms()...)
	case tObject:
		n := d.count()
		kvs := make([][2]*ast.Term, n)
		for i := range kvs {
			kvs[i] = [2]*ast.Term{d.term(), d.term()}
		}
		return ast.NewObject(kvs...)
	case tArrayCompr:
		d.comprehensions++
		return &ast.ArrayComprehension{Term: d.term(), Body: d.body()}
	case tSetCompr:
		d.comprehensions++
		return &ast.SetComprehension{Term: d.term(), Body: d.body()}
	case tObjectCompr:
		d.comprehensions++
		return &ast.ObjectComprehension{Key: d.term(), Value: d.term(), Body: d.body()}
	case tCall:
		return ast.Call(d.terms())
	}
	panic("a term")
}
