package policy

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/golint-docker/golint-docker/pkg/document"
)

// Value converts a document to the form the rules read, the same value its
// JSON encoding would give, without the JSON round trip. Maps shared between
// instructions (the environment, unchanged from one instruction to the next)
// are converted once.
func Value(doc *document.Document) (ast.Value, error) {
	c := converter{
		maps:        map[unsafe.Pointer]*ast.Term{},
		slices:      map[sliceKey]*ast.Term{},
		plans:       map[reflect.Type][]field{},
		strs:        map[string]*ast.Term{},
		nums:        map[int64]*ast.Term{},
		emptyArray:  ast.ArrayTerm(),
		emptyObject: ast.NewTerm(ast.NewObject()),
	}
	t, err := c.term(reflect.ValueOf(doc))
	if err != nil {
		return nil, err
	}
	return t.Value, nil
}

type converter struct {
	maps   map[unsafe.Pointer]*ast.Term
	slices map[sliceKey]*ast.Term
	plans  map[reflect.Type][]field
	// One empty array and one empty object serve every empty field, one
	// term each string and number: values are not changed by evaluation,
	// and a document repeats the same words, paths and line numbers.
	emptyArray, emptyObject *ast.Term
	strs                    map[string]*ast.Term
	nums                    map[int64]*ast.Term
}

type sliceKey struct {
	p unsafe.Pointer
	n int
}

var (
	nullTerm  = ast.NullTerm()
	trueTerm  = ast.BooleanTerm(true)
	falseTerm = ast.BooleanTerm(false)
)

func (c *converter) term(v reflect.Value) (*ast.Term, error) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nullTerm, nil
		}
		return c.term(v.Elem())
	case reflect.String:
		s := v.String()
		if t, ok := c.strs[s]; ok {
			return t, nil
		}
		t := ast.StringTerm(s)
		c.strs[s] = t
		return t, nil
	case reflect.Bool:
		if v.Bool() {
			return trueTerm, nil
		}
		return falseTerm, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := v.Int()
		if t, ok := c.nums[n]; ok {
			return t, nil
		}
		t := ast.NewTerm(ast.Number(strconv.FormatInt(n, 10)))
		c.nums[n] = t
		return t, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return ast.NewTerm(ast.Number(strconv.FormatUint(v.Uint(), 10))), nil
	case reflect.Slice:
		if v.IsNil() {
			return nullTerm, nil
		}
		if v.Len() == 0 {
			return c.emptyArray, nil
		}
		// Slices shared between instructions (the SHELL in effect) are
		// converted once.
		key := sliceKey{v.UnsafePointer(), v.Len()}
		if t, ok := c.slices[key]; ok {
			return t, nil
		}
		terms := make([]*ast.Term, v.Len())
		for i := range terms {
			t, err := c.term(v.Index(i))
			if err != nil {
				return nil, err
			}
			terms[i] = t
		}
		t := ast.ArrayTerm(terms...)
		c.slices[key] = t
		return t, nil
	case reflect.Map:
		if v.IsNil() {
			return nullTerm, nil
		}
		if v.Type().Key().Kind() != reflect.String {
			return nil, fmt.Errorf("map with %s keys", v.Type().Key())
		}
		if v.Len() == 0 {
			return c.emptyObject, nil
		}
		p := v.UnsafePointer()
		if t, ok := c.maps[p]; ok {
			return t, nil
		}
		items := make([][2]*ast.Term, 0, v.Len())
		it := v.MapRange()
		for it.Next() {
			val, err := c.term(it.Value())
			if err != nil {
				return nil, err
			}
			key, _ := c.term(it.Key())
			items = append(items, [2]*ast.Term{key, val})
		}
		t := ast.NewTerm(ast.NewObject(items...))
		c.maps[p] = t
		return t, nil
	case reflect.Struct:
		items := make([][2]*ast.Term, 0, v.NumField())
		if err := c.fields(v, &items); err != nil {
			return nil, err
		}
		return ast.NewTerm(ast.NewObject(items...)), nil
	}
	return nil, fmt.Errorf("cannot convert a %s", v.Type())
}

// fields appends the struct's JSON fields, flattening embedded structs.
func (c *converter) fields(v reflect.Value, items *[][2]*ast.Term) error {
	for _, f := range c.plan(v.Type()) {
		fv := v.Field(f.index)
		if f.embedded {
			if err := c.fields(fv, items); err != nil {
				return err
			}
			continue
		}
		if f.omitEmpty && fv.IsZero() {
			continue
		}
		if f.omitEmpty && (fv.Kind() == reflect.Slice || fv.Kind() == reflect.Map) && fv.Len() == 0 {
			continue
		}
		t, err := c.term(fv)
		if err != nil {
			return err
		}
		*items = append(*items, [2]*ast.Term{f.key, t})
	}
	return nil
}

type field struct {
	index     int
	key       *ast.Term
	omitEmpty bool
	embedded  bool
}

func (c *converter) plan(t reflect.Type) []field {
	if p, ok := c.plans[t]; ok {
		return p
	}
	var out []field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
			out = append(out, field{index: i, embedded: true})
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, field{index: i, key: ast.StringTerm(name), omitEmpty: strings.Contains(","+opts+",", ",omitempty,")})
	}
	c.plans[t] = out
	return out
}
