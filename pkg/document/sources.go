package document

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/gobwas/glob"
	"github.com/moby/buildkit/frontend/dockerfile/dfgitutil"
)

// archiveExts are the names of files ADD unpacks (it looks at the content;
// these are the names such files go by).
var archiveExts = []string{".tar", ".tgz", ".tbz", ".tbz2", ".txz", ".tzst", ".gz", ".bz2", ".xz", ".zst", ".lz4"}

// sourceKind says what a COPY/ADD source is (see Copy.SourceKinds), from its
// expanded value; fromOther is COPY --from.
func sourceKind(value string, fromOther bool) string {
	switch {
	case fromOther:
		return "local"
	case strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://") || strings.HasPrefix(value, "git@") || strings.HasPrefix(value, "git://") || strings.HasPrefix(value, "ssh://"):
		if ref, isGit, _ := dfgitutil.ParseGitRef(value); ref != nil && isGit {
			return "git"
		}
		if strings.HasPrefix(value, "http") {
			return "url"
		}
		return "git"
	case strings.Contains(value, "$"):
		return "unknown"
	}
	base := strings.ToLower(path.Base(strings.TrimRight(value, "/")))
	for _, ext := range archiveExts {
		if strings.HasSuffix(base, ext) {
			return "archive"
		}
	}
	if strings.HasSuffix(base, "*") || base == "*" || strings.HasSuffix(base, "?") || strings.HasSuffix(base, "]") {
		// A pattern whose end says nothing of the names it matches.
		return "unknown"
	}
	return "local"
}

// standardDirs are directories every base image other than scratch has, or
// nearly: a COPY of several files into one of them works.
var standardDirs = func() map[string]bool {
	m := map[string]bool{"/": true}
	for _, d := range strings.Fields("/bin /sbin /etc /tmp /root /home /opt /srv /var /var/lib /var/log /var/tmp /usr /usr/bin /usr/sbin /usr/lib /usr/share /usr/local /usr/local/bin /usr/local/sbin /usr/local/lib /usr/local/share") {
		m[d] = true
	}
	return m
}()

// addDir records that dir (and so its parents) exists.
func (st *stageState) addDir(dir string) {
	if dir == "" || st.dirs[dir] {
		return
	}
	st.dirs = maps.Clone(st.dirs)
	for d := path.Clean(dir); !st.dirs[d]; d = path.Dir(d) {
		st.dirs[d] = true
	}
}

// namedPaths records the absolute paths the commands of a RUN name
// (mkdir -p /out, make DESTDIR=/out, tar -C /opt/x): the directories may
// exist afterwards.
func (st *stageState) namedPaths(cmds []Command) {
	for _, c := range cmds {
		words := c.Argv
		if c.Expanded != nil {
			words = c.Expanded
		}
		for _, w := range words {
			if _, v, ok := strings.Cut(w, "="); ok && strings.HasPrefix(w, "-") || ok && !strings.HasPrefix(w, "/") {
				w = v
			}
			if strings.HasPrefix(w, "/") && !strings.ContainsAny(w, "*?[") {
				st.addDir(strings.TrimRight(w, "/"))
			}
		}
		for _, v := range c.Env {
			if strings.HasPrefix(v, "/") && !strings.ContainsAny(v, "*?[") {
				st.addDir(strings.TrimRight(v, "/"))
			}
		}
	}
}

// Commands that may put a go.mod where the next go command looks for one,
// or change the directory it runs in.
var moduleMakers = map[string]bool{"cd": true, "git": true, "cp": true, "mv": true, "tar": true, "unzip": true, "curl": true, "wget": true, "ln": true, "make": true, "rsync": true, "install": true, "pushd": true}

// underAny: dir is one of roots or under one of them.
func underAny(dir string, roots []string) bool {
	for _, r := range roots {
		if dir == r || r == "/" || strings.HasPrefix(dir, r+"/") {
			return true
		}
	}
	return false
}

// absIn makes p absolute against the WORKDIR wd ("" when wd is unknown
// and p is relative: then it may be anywhere, "/").
func absIn(p, wd string) string {
	switch {
	case path.IsAbs(p):
		return path.Clean(p)
	case wd == "":
		return "/"
	}
	return path.Join(wd, p)
}

// copiedModuleRoot records where a COPY or ADD may have put a go.mod: under
// its destination (a go.mod copied as a file: in its directory).
func (st *stageState) copiedModuleRoot(c *Copy) {
	dest := c.DestPath
	switch {
	case dest == "":
		st.modUnknown = true
		return
	case path.Base(dest) == "go.mod":
		dest = path.Dir(dest)
	}
	st.modRoots = append(slices.Clip(st.modRoots), dest)
}

// goSettings lists the Go environment variables instruction in sets.
func goSettings(in *Instruction) []GoSetting {
	var out []GoSetting
	add := func(name, value, via string, line, end int) {
		if isGoVar(name) {
			out = append(out, GoSetting{Name: name, Value: value, Via: via, Line: line, EndLine: end})
		}
	}
	for _, p := range in.Pairs {
		if p.Value != nil && (in.Cmd == "env" || in.Cmd == "arg") {
			add(p.Key, *p.Value, in.Cmd, in.Line, in.EndLine)
		}
	}
	if in.Run == nil {
		return out
	}
	for _, c := range in.Run.Commands {
		for _, k := range slices.Sorted(maps.Keys(c.Env)) {
			add(k, c.Env[k], "run", c.Line, c.EndLine)
		}
	}
	for _, g := range in.Run.Go {
		if g.Subcommand != "env" || !slices.ContainsFunc(g.Flags, func(f Flag) bool { return f.Name == "w" }) {
			continue
		}
		for _, kv := range g.Packages {
			if k, v, ok := strings.Cut(kv, "="); ok {
				add(k, v, "go env -w", g.Line, g.EndLine)
			}
		}
	}
	return out
}

// copiesContextGoMod: COPY or ADD source src (expanded, without --from)
// brings in the build context's go.mod: the whole context (".", "./", "*",
// "./*"), go.mod itself, or a base name pattern of * and ? that matches it
// (go.*), matched as the policies' glob.match does (gobwas/glob with "."
// as the delimiter: * stops at a dot, ** does not). Patterns with classes
// or escapes are left out: what they match is not worth a guess.
func copiesContextGoMod(src string) bool {
	switch src {
	case ".", "./", "*", "./*":
		return true
	}
	base := src[strings.LastIndex(src, "/")+1:]
	if base == "" || strings.ContainsFunc(base, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("._*?-", r))
	}) {
		return false
	}
	if !strings.ContainsAny(base, "*?") {
		// Most sources are plain paths: no pattern to compile.
		return base == "go.mod"
	}
	g, err := glob.Compile(base, '.')
	return err == nil && g.Match("go.mod")
}
