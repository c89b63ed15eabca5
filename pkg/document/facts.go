package document

import (
	"path"
	"slices"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
)

// facts works out, once the pass over the instructions is done, what each
// stage is for, which Go binaries reach which runtime image, and what the
// runtime images contain. Rules read these instead of deriving them.
func (b *builder) facts() {
	stages := b.doc.Stages
	b.doc.Fixture = b.fixture()
	ends := b.placements()
	usedBy := make([][]int, len(stages))
	copiedFrom := make([]bool, len(stages))
	for i, s := range stages {
		for _, d := range s.DependsOn {
			if d != i {
				usedBy[d] = append(usedBy[d], i)
				if s.From.Stage == nil || *s.From.Stage != d {
					copiedFrom[d] = true
				}
			}
		}
		b.stageOS(i)
	}
	for i := range stages {
		s := &stages[i]
		s.Role, s.RoleEvidence = b.role(i, usedBy[i], copiedFrom[i], ends[i])
		if w := b.startWords(s); len(w) > 0 && strings.HasSuffix(w[0], ".wasm") || strings.Contains(s.From.PlatformResolved, "wasi") || strings.Contains(s.From.PlatformResolved, "wasm") {
			// A WebAssembly module run by a Wasm runtime, not a Linux process.
			s.OS = "wasm"
		}
	}
	b.doc.RuntimeStages = b.runtimeStages()
	b.reach(b.doc.RuntimeStages, func(s *Stage) { s.Ships = true })
	for _, r := range b.doc.RuntimeStages {
		for k := r; ; k = *stages[k].From.Stage {
			stages[k].InImage = true
			if stages[k].From.Stage == nil || *stages[k].From.Stage >= k {
				break
			}
		}
	}
	b.reach(append([]int{b.doc.FinalStage}, b.doc.RuntimeStages...), func(s *Stage) { s.Built = true })
	b.files(ends)
	// Binaries reach users in runtime images, and as files through the
	// export stages docker build --output writes out.
	shipTo := slices.Clone(b.doc.RuntimeStages)
	for i, s := range stages {
		if s.Role == RoleExport && len(usedBy[i]) == 0 && (b.opt.Target == "" || i == b.doc.FinalStage) {
			shipTo = append(shipTo, i)
		}
	}
	for _, r := range shipTo {
		s := &stages[r]
		seen := map[[3]int]bool{}
		for _, p := range ends[r] {
			k := [3]int{p.stage, p.instr, p.goIdx}
			if seen[k] {
				continue
			}
			seen[k] = true
			s.Binaries = append(s.Binaries, Binary{Stage: p.stage, Instruction: p.instr, Go: p.goIdx, Path: p.file()})
			bld := stages[p.stage].Instructions[p.instr].Run.Go[p.goIdx].Build
			bld.Ships = true
			if !slices.Contains(bld.ShippedTo, r) {
				bld.ShippedTo = append(bld.ShippedTo, r)
			}
		}
		s.Delve = b.delve(r)
		s.Debug = b.debugImage(r)
		if s.Role == RoleExport {
			continue
		}
		s.Prebuilt = b.prebuilt(r)
		s.Serves = b.serves(r)
		s.EmbedsTzdata = b.embedsTzdata(r)
	}
}

// A placement is a go build output somewhere in a stage's filesystem.
type placement struct {
	stage, instr, goIdx int
	path                string
	// dir: path is the directory the binary is in, its name not known.
	dir bool
}

func (p placement) file() string {
	if p.dir {
		return ""
	}
	return p.path
}

// placements follows every go build output through the stages: the stage
// it is built in, the stages built on that one, COPY --from, and cp/mv/
// install in RUN. ends[i] lists what is in stage i at its end.
func (b *builder) placements() [][]placement {
	stages := b.doc.Stages
	ends := make([][]placement, len(stages))
	for i := range stages {
		s := &stages[i]
		var cur []placement
		if s.From.Stage != nil && *s.From.Stage < i {
			cur = ends[*s.From.Stage]
		}
		// The parent's list is shared until this stage adds to it.
		owned := false
		add := func(p placement) {
			if !owned {
				cur, owned = slices.Clone(cur), true
			}
			cur = append(cur, p)
		}
		for j := range s.Instructions {
			in := &s.Instructions[j]
			switch {
			case in.Run != nil:
				before := len(cur)
				for k, g := range in.Run.Go {
					if g.Build == nil || g.Build.Output == "" || g.Build.Kind == "check" || g.Build.Kind == "std" {
						continue
					}
					add(placement{stage: i, instr: j, goIdx: k, path: g.Build.Output, dir: g.Build.OutputDir})
				}
				for _, c := range in.Run.Commands {
					for _, p := range moved(c, in.Workdir, cur) {
						add(p)
					}
				}
				if dirs := mountDirs(in); len(dirs) > 0 && len(cur) > before {
					// What this RUN writes into one of its mounts (go
					// build . in a bind mount of the sources, -o into a
					// cache) does not stay in the stage.
					kept := slices.Clone(cur[:before])
					for _, p := range cur[before:] {
						if !slices.ContainsFunc(dirs, func(d string) bool { return p.path == d || strings.HasPrefix(p.path, d+"/") }) {
							kept = append(kept, p)
						}
					}
					cur, owned = kept, true
				}
			case in.Copy != nil && in.Copy.FromStage != nil && *in.Copy.FromStage < i:
				for _, p := range ends[*in.Copy.FromStage] {
					if q, ok := copied(in.Copy, p); ok {
						add(q)
					}
				}
			}
		}
		ends[i] = cur
	}
	return ends
}

// mountDirs are the absolute targets of a RUN's mounts (a relative or empty
// target is under the WORKDIR); those under an unknown WORKDIR are left out.
func mountDirs(in *Instruction) []string {
	var out []string
	for _, m := range in.Run.Mounts {
		t := m.Target
		if !path.IsAbs(t) {
			if in.Workdir == "" {
				continue
			}
			t = path.Join(in.Workdir, t)
		}
		if t = path.Clean(t); t != "/" {
			out = append(out, t)
		}
	}
	return out
}

// copied maps placement p through COPY c: where, if anywhere, the copy puts
// the binary.
func copied(c *Copy, p placement) (placement, bool) {
	if c.DestPath == "" {
		return p, false
	}
	for _, src := range c.Sources {
		if !path.IsAbs(src) {
			src = "/" + src
		}
		src = path.Clean(src)
		into := func(name string) string {
			if c.DestDir {
				return path.Join(c.DestPath, name)
			}
			return c.DestPath
		}
		switch {
		case strings.ContainsAny(src, "*?["):
			if ok, _ := path.Match(src, p.path); ok && !p.dir {
				p.path = into(path.Base(p.path))
				return p, true
			}
			if p.dir && path.Dir(src) == p.path {
				// /go/bin/* of a go install whose binaries' names are not
				// known: they go into the destination.
				p.path = c.DestPath
				return p, true
			}
		case src == p.path:
			if p.dir {
				p.path = c.DestPath
			} else {
				p.path = into(path.Base(src))
			}
			return p, true
		case within(p.path, src):
			// A directory's contents go into the destination.
			p.path = path.Join(c.DestPath, strings.TrimPrefix(p.path, src))
			return p, true
		case p.dir && path.Dir(src) == p.path && path.Ext(src) == "":
			// go build without -o in that directory: this may be its binary.
			p.path, p.dir = into(path.Base(src)), false
			return p, true
		}
	}
	return p, false
}

// within: p is under dir.
func within(p, dir string) bool {
	return dir == "/" && p != "/" || strings.HasPrefix(p, dir+"/")
}

var moveCommands = map[string]bool{"cp": true, "mv": true, "install": true, "ln": true, "upx": false}

// moved maps the placements a cp, mv, install or ln of a RUN copies.
func moved(c Command, workdir string, cur []placement) []placement {
	if !moveCommands[c.Name] || len(cur) == 0 {
		return nil
	}
	var operands []string
	for _, a := range c.Argv[1:] {
		if strings.HasPrefix(a, "-") {
			continue
		}
		if !path.IsAbs(a) {
			if workdir == "" {
				return nil
			}
			a = path.Join(workdir, a)
		}
		operands = append(operands, path.Clean(a))
	}
	if len(operands) < 2 {
		return nil
	}
	dest := operands[len(operands)-1]
	destDir := len(operands) > 2 || strings.HasSuffix(c.Argv[len(c.Argv)-1], "/")
	var out []placement
	for _, src := range operands[:len(operands)-1] {
		for _, p := range cur {
			if q, ok := copied(&Copy{Sources: []string{src}, DestPath: dest, DestDir: destDir}, p); ok {
				out = append(out, q)
			}
		}
	}
	return out
}

// reach calls f on the given stages and every stage they read from.
func (b *builder) reach(from []int, f func(*Stage)) {
	seen := map[int]bool{}
	todo := slices.Clone(from)
	for len(todo) > 0 {
		i := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if seen[i] {
			continue
		}
		seen[i] = true
		f(&b.doc.Stages[i])
		todo = append(todo, b.doc.Stages[i].DependsOn...)
	}
}

// runtimeStages are the images runtime rules check (see Document).
func (b *builder) runtimeStages() []int {
	stages := b.doc.Stages
	final := b.doc.FinalStage
	if stages[final].Role == RoleRuntime {
		return []int{final}
	}
	if b.opt.Target != "" || len(stages[final].From.Unresolved) > 0 && stages[final].From.Stage == nil {
		// With --target, only the target is built; a last stage on $VAR
		// (FROM release-$TARGETOS) may itself be the image.
		return []int{}
	}
	out := []int{}
	for i, s := range stages {
		if s.Role != RoleRuntime {
			continue
		}
		// Not when another runtime stage is built on this one: that one is
		// the image.
		hidden := false
		for j := i + 1; j < len(stages) && !hidden; j++ {
			if stages[j].Role == RoleRuntime && b.builtOn(j, i) {
				hidden = true
			}
		}
		if !hidden {
			out = append(out, i)
		}
	}
	return out
}

// builtOn: stage j rests on stage i (through FROM).
func (b *builder) builtOn(j, i int) bool {
	for k := j; ; {
		p := b.doc.Stages[k].From.Stage
		if p == nil || *p >= k {
			return false
		}
		if *p == i {
			return true
		}
		k = *p
	}
}

// stageOS says whether a stage is a Windows image.
func (b *builder) stageOS(i int) {
	s := &b.doc.Stages[i]
	if p := s.From.Stage; p != nil && *p < i {
		s.OS = b.doc.Stages[*p].OS
	} else if s.Image != nil {
		s.OS = "linux"
		if os := s.Image.String("os"); os != "" {
			s.OS = os
		}
	}
	if b.f.Escape == '`' {
		s.OS = "windows"
	}
	for _, in := range s.Instructions {
		switch {
		case in.Cmd == "shell" && len(in.Args) > 0 && windowsShell().MatchString(in.Args[0]):
			s.OS = "windows"
		case (in.Cmd == "workdir" || in.Cmd == "copy" || in.Cmd == "add") && windowsPath().MatchString(in.Original):
			s.OS = "windows"
		}
	}
}

var (
	windowsShell = lazyre.New(`(?i)(powershell|pwsh|cmd)(\.exe)?"?$`)
	windowsPath  = lazyre.New(`(?i)(^|\s|")[a-z]:[\\/]`)
)
