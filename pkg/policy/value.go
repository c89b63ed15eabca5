package policy

//go:generate go test ./internal/valuegen -run TestCurrent -update

import (
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/golint-docker/golint-docker/pkg/document"
)

// Value converts a document to the form the rules read, the same value its
// JSON encoding would give (TestValueEqualsJSON), built field by field by
// functions generated from the document's types (value_gen.go, go generate:
// no reflection, no JSON round trip). Maps and string lists shared between
// instructions (the environment, unchanged from one instruction to the
// next; the SHELL in effect) are converted once, and each string and
// number once.
func Value(doc *document.Document) (v ast.Value, err error) {
	if doc == nil {
		return ast.NullValue, nil
	}
	c := converters.Get().(*converter)
	defer func() {
		// A fact of a kind JSON has no form for (see any).
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("%v", r)
		}
	}()
	defer c.release()
	return c.valueDocument(doc).Value, nil
}

// converters keeps converters between documents: their caches keep the
// room they grew to (cleared, not freed), which a new document would
// otherwise allocate again.
var converters = sync.Pool{New: func() any {
	return &converter{
		maps:  map[unsafe.Pointer]*ast.Term{},
		lists: map[listKey]*ast.Term{},
		strs:  map[string]*ast.Term{},
		nums:  map[int64]*ast.Term{},
		alike: map[int]*ast.Term{},
	}
}}

func (c *converter) release() {
	if len(c.strs) > 1<<12 {
		return // a huge document's: not worth the memory it holds
	}
	clear(c.maps)
	clear(c.lists)
	clear(c.strs)
	clear(c.nums)
	clear(c.alike)
	converters.Put(c)
}

type converter struct {
	maps  map[unsafe.Pointer]*ast.Term
	lists map[listKey]*ast.Term
	// One term each string and number: values are not changed by
	// evaluation, and a document repeats the same words, paths and line
	// numbers.
	strs map[string]*ast.Term
	nums map[int64]*ast.Term
	// alike holds, by hash, the first of each value share has seen.
	alike map[int]*ast.Term
}

// share returns the term of a value equal to v if one was made before,
// else a new one: a large file's instructions repeat the same flags,
// package arguments, environments and argument lists, and an OPA object
// costs 300 bytes and more (a Go map of its own), however small. Values
// are never changed once built, so one term can stand for all of them.
// Only for values whose numbers are written one way (c.int): Compare
// finds 1.0 and 1 equal.
func (c *converter) share(v ast.Value) *ast.Term {
	h := v.Hash()
	if t, ok := c.alike[h]; ok {
		if t.Value.Compare(v) == 0 {
			return t
		}
		return ast.NewTerm(v) // a collision: not shared, still right
	}
	t := ast.NewTerm(v)
	c.alike[h] = t
	return t
}

// listKey is a list of strings or ints by its backing array and length.
type listKey struct {
	p    unsafe.Pointer
	n    int
	ints bool
}

// Terms every document shares: one empty array and one empty object serve
// every empty field.
var (
	nullTerm    = ast.NullTerm()
	trueTerm    = ast.BooleanTerm(true)
	falseTerm   = ast.BooleanTerm(false)
	emptyArray  = ast.ArrayTerm()
	emptyObject = ast.NewTerm(ast.NewObject())
)

func boolTerm(b bool) *ast.Term {
	if b {
		return trueTerm
	}
	return falseTerm
}

func (c *converter) str(s string) *ast.Term {
	if t, ok := c.strs[s]; ok {
		return t
	}
	t := ast.StringTerm(s)
	c.strs[s] = t
	return t
}

func (c *converter) int(n int64) *ast.Term {
	if t, ok := c.nums[n]; ok {
		return t
	}
	t := ast.NewTerm(ast.Number(strconv.FormatInt(n, 10)))
	c.nums[n] = t
	return t
}

func boolPtr(p *bool) *ast.Term {
	if p == nil {
		return nullTerm
	}
	return boolTerm(*p)
}

func (c *converter) strPtr(p *string) *ast.Term {
	if p == nil {
		return nullTerm
	}
	return c.str(*p)
}

func (c *converter) intPtr(p *int) *ast.Term {
	if p == nil {
		return nullTerm
	}
	return c.int(int64(*p))
}

func (c *converter) strings(s []string) *ast.Term {
	if s == nil {
		return nullTerm
	}
	if len(s) == 0 {
		return emptyArray
	}
	key := listKey{unsafe.Pointer(unsafe.SliceData(s)), len(s), false}
	if t, ok := c.lists[key]; ok {
		return t
	}
	terms := make([]*ast.Term, len(s))
	for i, x := range s {
		terms[i] = c.str(x)
	}
	t := c.share(ast.NewArray(terms...))
	c.lists[key] = t
	return t
}

func (c *converter) ints(s []int) *ast.Term {
	if s == nil {
		return nullTerm
	}
	if len(s) == 0 {
		return emptyArray
	}
	key := listKey{unsafe.Pointer(unsafe.SliceData(s)), len(s), true}
	if t, ok := c.lists[key]; ok {
		return t
	}
	terms := make([]*ast.Term, len(s))
	for i, x := range s {
		terms[i] = c.int(int64(x))
	}
	t := c.share(ast.NewArray(terms...))
	c.lists[key] = t
	return t
}

// mapPointer identifies a map by its header, for maps shared between
// instructions.
func mapPointer[M ~map[string]V, V any](m M) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&m))
}

func (c *converter) strMap(m map[string]string) *ast.Term {
	return convertMap(c, m, c.str, true)
}

func (c *converter) strPtrMap(m map[string]*string) *ast.Term {
	return convertMap(c, m, c.strPtr, true)
}

// convertMap converts a map; share says whether an equal map converted
// before may stand for it.
func convertMap[V any](c *converter, m map[string]V, conv func(V) *ast.Term, share bool) *ast.Term {
	if m == nil {
		return nullTerm
	}
	if len(m) == 0 {
		return emptyObject
	}
	p := mapPointer(m)
	if t, ok := c.maps[p]; ok {
		return t
	}
	items := make([][2]*ast.Term, 0, len(m))
	for k, v := range m {
		items = append(items, [2]*ast.Term{c.str(k), conv(v)})
	}
	var t *ast.Term
	if share {
		t = c.share(ast.NewObject(items...))
	} else {
		t = ast.NewTerm(ast.NewObject(items...))
	}
	c.maps[p] = t
	return t
}

// anyMap converts data (image and package facts). Not shared: share
// compares numbers by value, and data's 1.0 must stay 1.0, not become
// another map's 1.
func (c *converter) anyMap(m map[string]any) *ast.Term {
	return convertMap(c, m, c.any, false)
}

// any converts a value of the JSON kinds data documents are read into
// (image and package facts): the common ones directly, others as their
// JSON encoding reads.
func (c *converter) any(v any) *ast.Term {
	switch v := v.(type) {
	case nil:
		return nullTerm
	case string:
		return c.str(v)
	case bool:
		return boolTerm(v)
	case json.Number:
		return ast.NumberTerm(v)
	case int:
		return c.int(int64(v))
	case map[string]any:
		return c.anyMap(v)
	case []any:
		if v == nil {
			return nullTerm
		}
		terms := make([]*ast.Term, len(v))
		for i, x := range v {
			terms[i] = c.any(x)
		}
		return ast.ArrayTerm(terms...)
	case []string:
		return c.strings(v)
	}
	val, err := ast.InterfaceToValue(v)
	if err != nil {
		panic(fmt.Sprintf("input document: %v", err))
	}
	return ast.NewTerm(val)
}

// ptr converts a pointer to a struct: null when nil.
func ptr[T any](p *T, conv func(*T) *ast.Term) *ast.Term {
	if p == nil {
		return nullTerm
	}
	return conv(p)
}

// structs converts a list of structs.
func structs[T any](s []T, conv func(*T) *ast.Term) *ast.Term {
	if s == nil {
		return nullTerm
	}
	if len(s) == 0 {
		return emptyArray
	}
	terms := make([]*ast.Term, len(s))
	for i := range s {
		terms[i] = conv(&s[i])
	}
	return ast.ArrayTerm(terms...)
}
