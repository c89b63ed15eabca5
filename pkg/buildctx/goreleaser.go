package buildctx

import (
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// goreleaserFiles are the names GoReleaser looks for its configuration
// under, in its order.
var goreleaserFiles = []string{".goreleaser.yml", ".goreleaser.yaml", "goreleaser.yml", "goreleaser.yaml"}

// Goreleaser returns the GoReleaser configuration (as the user would name
// it) that builds the Dockerfile at dockerfile — one whose dockers or
// dockers_v2 entries name it, relative to the configuration's directory —
// looked for from the Dockerfile's directory up to the repository root;
// "" when none does. GoReleaser builds such a Dockerfile in a context of
// its own, holding the binaries it built, so what the Dockerfile copies
// from the context is not in the repository.
func (f *Finder) Goreleaser(dockerfile string) string {
	if dockerfile == "-" || dockerfile == "" {
		return ""
	}
	abs, err := filepath.Abs(dockerfile)
	if err != nil {
		return ""
	}
	for _, dir := range f.candidates(filepath.Dir(abs)) {
		df := f.dir(dir)
		if df.goreleaser == "" {
			continue
		}
		for _, name := range df.goreleaserDockerfiles {
			if filepath.Join(dir, filepath.FromSlash(name)) == abs {
				return f.display(dockerfile, filepath.Join(dir, df.goreleaser))
			}
		}
	}
	return ""
}

// readGoreleaser reads the first GoReleaser configuration in dir: its
// name and the Dockerfiles its dockers and dockers_v2 entries build.
func readGoreleaser(dir string) (name string, dockerfiles []string) {
	for _, n := range goreleaserFiles {
		data, err := readFile(dir, n)
		if err != nil {
			continue
		}
		return n, goreleaserDockerfiles(data)
	}
	return "", nil
}

// goreleaserDockerfiles lists the dockerfile of each dockers and
// dockers_v2 entry ("Dockerfile" when an entry names none). It walks the
// node tree rather than decoding it: yaml.v3's decoding compares every key
// with every other, and aliases are not followed (no alias bombs).
func goreleaserDockerfiles(data []byte) []string {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	var out []string
	for _, list := range []string{"dockers", "dockers_v2"} {
		seq := lookup(doc.Content[0], list)
		if seq == nil || seq.Kind != yaml.SequenceNode {
			continue
		}
		for _, entry := range seq.Content {
			if entry.Kind != yaml.MappingNode {
				continue
			}
			name := "Dockerfile"
			if v := lookup(entry, "dockerfile"); v != nil && v.Kind == yaml.ScalarNode && v.Value != "" {
				name = v.Value
			}
			out = append(out, name)
		}
	}
	return out
}

// lookup returns the value of key in mapping m, nil when it is not there.
func lookup(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Kind == yaml.ScalarNode && m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
