package document

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// koApp is where ko puts the Go programs of the images it builds.
const koApp = "/ko-app/"

// prebuilt lists the ready-made Go binaries runtime stage r gets: copied
// from an image ko built, or, when a GoReleaser configuration builds this
// Dockerfile, the program the image starts copied from the build context
// (where GoReleaser puts what it built).
func (b *builder) prebuilt(r int) []Prebuilt {
	out := []Prebuilt{}
	start := b.startWords(&b.doc.Stages[r])
	b.chain(r, func(st *Stage) {
		for j, in := range st.Instructions {
			c := in.Copy
			if c == nil || c.FromStage != nil || in.Cmd != "copy" {
				continue
			}
			for k, src := range c.Sources {
				dest := copyDest(c, src)
				switch {
				case c.FromImage != nil && strings.HasPrefix(path.Clean("/"+src), koApp):
					out = append(out, Prebuilt{Path: dest, By: "ko", Stage: st.Index, Instruction: j, Line: in.Line,
						Evidence: fmt.Sprintf("%s comes from %s, an image ko built (its programs are in %s)", src, c.From, strings.TrimSuffix(koApp, "/"))})
				case c.From == "" && b.opt.Goreleaser != "" && k < len(c.SourceKinds) && c.SourceKinds[k] != "url" && c.SourceKinds[k] != "git" && programFile(src) && starts(start, dest):
					out = append(out, Prebuilt{Path: dest, By: "goreleaser", Stage: st.Index, Instruction: j, Line: in.Line,
						Evidence: fmt.Sprintf("%s builds this Dockerfile: the program the image starts, %s, is a binary GoReleaser built", b.opt.Goreleaser, src)})
				}
			}
		}
	})
	slices.SortStableFunc(out, func(a, b Prebuilt) int { return a.Line - b.Line })
	return out
}

// copyDest is where COPY c puts source src ("" when not known).
func copyDest(c *Copy, src string) string {
	if c.DestPath == "" {
		return ""
	}
	if c.DestDir || strings.HasSuffix(c.Dest, "/") || len(c.Sources) > 1 {
		return path.Join(c.DestPath, path.Base(src))
	}
	return c.DestPath
}

// starts: dest is the program the image starts (its path, or its name when
// it is started through PATH).
func starts(start []string, dest string) bool {
	if len(start) == 0 || dest == "" {
		return false
	}
	prog := start[0]
	if base := path.Base(prog); (base == "tini" || base == "dumb-init") && len(start) > 1 {
		prog = start[len(start)-1]
		for _, w := range start[1:] {
			if !strings.HasPrefix(w, "-") {
				prog = w
				break
			}
		}
	}
	if strings.Contains(prog, "/") {
		return path.Clean(prog) == dest
	}
	return path.Base(dest) == prog
}

// programFile: src may name a Go binary: no extension (a script's .sh, .py)
// but .exe.
func programFile(src string) bool {
	ext := path.Ext(src)
	return ext == "" || ext == ".exe"
}
