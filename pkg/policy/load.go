// Package policy loads Rego rules (the built-in set and a team's own), reads
// each rule's metadata from its # METADATA block, compiles them once and
// evaluates them against input documents.
//
// It is public API: the engine behind lint.Evaluator, the bundle writer,
// and the document → OPA value conversion (Value).
//
// Rules that are not built in run in a sandbox: the program re-executes
// itself (os.Executable) with WorkerEnv set, so a program that evaluates
// custom policies must start main (and TestMain, for its tests) with
//
//	if policy.IsWorker() {
//		os.Exit(policy.RunWorker(os.Stdin, os.Stdout))
//	}
package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// Source is a set of policy files: the embedded built-in rules or a
// directory given with --policy.
type Source struct {
	// Name is how errors refer to the source ("built-in" or the directory).
	Name    string
	FS      fs.FS
	Builtin bool
}

// File is one loaded file.
type File struct {
	Path    string // as shown to users: the source name joined with the path
	Module  *ast.Module
	Raw     []byte
	Test    bool
	Builtin bool
}

// Loaded is everything read from the sources.
type Loaded struct {
	Files []*File
	// Data is the merged data documents, by path (data.json files at their
	// directory's path, as `opa` loads them).
	Data  map[string]any
	Rules []Rule
	// Reads are keys of data.golintdocker read by modules that are not in
	// Files: those of rules loaded from generated metadata instead of
	// their sources (ReadKeys of the sources, "*" for all). Unread
	// counts them as read.
	Reads []string
}

// Size caps for policy files: a .rego or data.json linked to /dev/zero, or
// just huge, is an error, not an out-of-memory crash.
const (
	MaxModuleSize = 4 << 20
	MaxDataSize   = 32 << 20
)

// DirSource is a policy directory, read as hostile: regular files only,
// within the size caps, and symbolic links only inside the directory.
// Errors do not repeat dir.
func DirSource(dir string) (Source, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return Source{}, safeio.Cause(err)
	}
	if !st.IsDir() {
		return Source{}, errors.New("not a directory")
	}
	fsys, err := safeio.DirFS(dir, max(MaxModuleSize, MaxDataSize))
	if err != nil {
		return Source{}, err
	}
	return Source{Name: dir, FS: fsys}, nil
}

// readCapped reads one file of a source, refusing one over limit.
func readCapped(fsys fs.FS, p string, limit int64) ([]byte, error) {
	if st, err := fs.Stat(fsys, p); err == nil && st.Size() > limit {
		return nil, fmt.Errorf("%w (%s)", safeio.ErrTooLarge, safeio.Size(limit))
	}
	raw, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, safeio.Cause(err)
	}
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("%w (%s)", safeio.ErrTooLarge, safeio.Size(limit))
	}
	return raw, nil
}

// Load reads .rego and data.json files from every source. Tests (*_test.rego)
// are loaded only when withTests is set.
func Load(sources []Source, withTests bool) (*Loaded, error) {
	l := &Loaded{Data: map[string]any{}}
	for _, src := range sources {
		err := walkFiles(src, func(p string) error {
			switch {
			case strings.HasSuffix(p, ".rego"):
				test := strings.HasSuffix(p, "_test.rego")
				if test && !withTests {
					return nil
				}
				raw, err := readCapped(src.FS, p, MaxModuleSize)
				if err != nil {
					return fmt.Errorf("%s: %w", join(src.Name, p), err)
				}
				l.Files = append(l.Files, &File{Path: join(src.Name, p), Raw: raw, Test: test, Builtin: src.Builtin})
			case path.Base(p) == "data.json":
				return loadData(l.Data, src, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Slice(l.Files, func(i, j int) bool { return l.Files[i].Path < l.Files[j].Path })
	if err := parseAll(l.Files); err != nil {
		return nil, err
	}
	rules, err := readRules(l.Files, sources)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	l.Rules = rules
	return l, nil
}

// LoadData reads only the data.json files of the sources, merged as Load
// merges them: the facts the input document is built with, without
// parsing any Rego.
func LoadData(sources []Source) (map[string]any, error) {
	data := map[string]any{}
	for _, src := range sources {
		err := walkFiles(src, func(p string) error {
			if path.Base(p) == "data.json" {
				return loadData(data, src, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return data, nil
}

// walkFiles calls fn with the path of every file of src, skipping hidden
// directories.
func walkFiles(src Source, fn func(p string) error) error {
	return fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", join(src.Name, p), err)
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		return fn(p)
	})
}

// loadData merges the data.json file p at its directory's path.
func loadData(data map[string]any, src Source, p string) error {
	raw, err := readCapped(src.FS, p, MaxDataSize)
	if err != nil {
		return fmt.Errorf("%s: %w", join(src.Name, p), err)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("%s: %w", join(src.Name, p), err)
	}
	dir := path.Dir(p)
	var keys []string
	if dir != "." {
		keys = strings.Split(dir, "/")
	}
	if err := Merge(data, keys, v); err != nil {
		return fmt.Errorf("%s: %w", join(src.Name, p), err)
	}
	return nil
}

// parseAll parses the modules on every core: start-up time is mostly Rego.
func parseAll(files []*File) error {
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := files[i]
				f.Module, errs[i] = ast.ParseModuleWithOpts(f.Path, string(f.Raw), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			errs[i] = parseError(err)
		}
	}
	return errors.Join(errs...)
}

// parseError is OPA's parse error as file:line:column: message lines,
// without the quoted source line (escaped, the message is enough).
func parseError(err error) error {
	var list ast.Errors
	if !errors.As(err, &list) {
		return errors.New(safeio.Excerpt(err.Error(), 300))
	}
	lines := make([]string, 0, len(list))
	for _, e := range list {
		msg := safeio.Excerpt(e.Code+": "+e.Message, 200)
		if e.Location != nil {
			msg = fmt.Sprintf("%s:%d:%d: %s", e.Location.File, e.Location.Row, e.Location.Col, msg)
		}
		lines = append(lines, msg)
	}
	return errors.New(strings.Join(lines, "\n"))
}

func join(name, p string) string {
	if name == "" {
		return p
	}
	return name + "/" + p
}

// Merge puts v at keys inside dst. Objects merge key by key, deeply; any
// other value (arrays included) replaces what was there.
func Merge(dst map[string]any, keys []string, v any) error {
	if len(keys) == 0 {
		obj, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("a data document must be an object, not %T", v)
		}
		for k, val := range obj {
			if err := Merge(dst, []string{k}, val); err != nil {
				return err
			}
		}
		return nil
	}
	k := keys[0]
	if len(keys) == 1 {
		if obj, ok := v.(map[string]any); ok {
			sub, ok := dst[k].(map[string]any)
			if !ok {
				sub = map[string]any{}
				dst[k] = sub
			}
			return Merge(sub, nil, obj)
		}
		dst[k] = v
		return nil
	}
	sub, ok := dst[k].(map[string]any)
	if !ok {
		if _, exists := dst[k]; exists {
			return fmt.Errorf("data at %q is not an object", k)
		}
		sub = map[string]any{}
		dst[k] = sub
	}
	return Merge(sub, keys[1:], v)
}

// Unread lists the top-level keys of data (meant for data.golintdocker, from
// a configuration file) that no loaded module reads and no data.json
// defines: a misspelt key would otherwise change nothing, silently.
func (l *Loaded) Unread(data map[string]any) []string {
	read := map[string]bool{}
	if own, ok := l.Data["golintdocker"].(map[string]any); ok {
		for k := range own {
			read[k] = true
		}
	}
	for _, k := range append(l.ReadKeys(), l.Reads...) {
		if k == AllKeys {
			return nil
		}
		read[k] = true
	}
	var out []string
	for k := range data {
		if !read[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// AllKeys in ReadKeys says that all of data.golintdocker is read (a
// reference with a variable key, or to data itself).
const AllKeys = "*"

// ReadKeys lists the top-level keys of data.golintdocker that the modules
// of Files read, sorted, or just AllKeys.
func (l *Loaded) ReadKeys() []string {
	read := map[string]bool{}
	dynamic := false
	prefix := ast.MustParseRef("data.golintdocker")
	for _, f := range l.Files {
		if f.Test || f.Module == nil {
			continue
		}
		note := func(r ast.Ref) {
			if !r.HasPrefix(prefix) || len(r) <= len(prefix) {
				if prefix.HasPrefix(r) {
					dynamic = true // all of data.golintdocker (or data) is read
				}
				return
			}
			switch k := r[len(prefix)].Value.(type) {
			case ast.String:
				read[string(k)] = true
			default:
				dynamic = true
			}
		}
		// A package under data.golintdocker defines what it is named for.
		pkg := f.Module.Package.Path
		if len(pkg) > len(prefix) {
			note(pkg)
		}
		ast.WalkRefs(f.Module, func(r ast.Ref) bool {
			if !r.Equal(pkg) {
				note(r)
			}
			return false
		})
	}
	if dynamic {
		return []string{AllKeys}
	}
	keys := make([]string, 0, len(read))
	for k := range read {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// OffRules lists the ids of the rules off by default that the loaded
// data with data over it leaves off (data.golintdocker.options.<rule>
// .enabled not true); all of them when remote (an OPA server's data
// decides, unseen). nil when the data cannot be merged.
func OffRules(l *Loaded, data map[string]any, remote bool) []string {
	merged := map[string]any{}
	if Merge(merged, nil, l.Data) != nil || (data != nil && Merge(merged, nil, data) != nil) {
		return nil
	}
	gd, _ := merged["golintdocker"].(map[string]any)
	options, _ := gd["options"].(map[string]any)
	var ids []string
	for _, r := range l.Rules {
		o, _ := options[OptionsKey(r)].(map[string]any)
		if r.DefaultOff && (remote || o["enabled"] != true) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}
