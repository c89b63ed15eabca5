package document

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
)

// A file set the runtime rules ask about: where it lives, the image fact
// and the package facts that say an image has it, the variables that point
// programs elsewhere.
type fileSet struct {
	fact string
	dirs []string
	env  []string
}

var (
	caFiles = fileSet{fact: "ca_certs", dirs: []string{"/etc/ssl/certs", "/etc/pki", "/etc/ssl/cert.pem", "/etc/ssl/ca-bundle.pem", "/usr/share/ca-certificates", "/usr/local/share/ca-certificates"}, env: []string{"SSL_CERT_FILE", "SSL_CERT_DIR"}}
	tzFiles = fileSet{fact: "tzdata", dirs: []string{"/usr/share/zoneinfo", "/usr/share/lib/zoneinfo", "/usr/lib/locale/TZ", "/etc/zoneinfo", "/usr/local/go/lib/time"}, env: []string{"ZONEINFO"}}
)

// evidence is what a stage's chain shows about one file set.
type evidence struct{ present, maybe bool }

// files works out, stage by stage on top of each stage's parent, whether
// the CA bundle and the time zone database are there.
func (b *builder) files(ends [][]placement) {
	stages := b.doc.Stages
	ca := make([]evidence, len(stages))
	tz := make([]evidence, len(stages))
	for i := range stages {
		s := &stages[i]
		if p := s.From.Stage; p != nil && *p < i {
			ca[i], tz[i] = ca[*p], tz[*p]
		}
		for _, set := range []struct {
			fs fileSet
			ev *evidence
		}{{caFiles, &ca[i]}, {tzFiles, &tz[i]}} {
			b.look(s, set.fs, set.ev, ends)
		}
		s.Files = Files{CACerts: verdict(s, caFiles, ca[i]), Tzdata: verdict(s, tzFiles, tz[i])}
	}
}

func verdict(s *Stage, fs fileSet, ev evidence) *bool {
	t, f := true, false
	has, known := false, false
	if s.Image != nil {
		has, known = s.Image.Bool(fs.fact)
	}
	switch {
	case has || ev.present:
		return &t
	case known && !ev.maybe:
		return &f
	}
	return nil
}

// look adds what stage s itself does for file set fs.
func (b *builder) look(s *Stage, fs fileSet, ev *evidence, ends [][]placement) {
	for _, p := range s.Packages {
		if !p.Removed && slices.Contains(b.opt.Facts.Brings(p.Name, p.Recommends), fs.fact) {
			ev.present = true
		}
	}
	for _, in := range s.Instructions {
		switch {
		case in.Copy != nil && in.Copy.DestPath == "/":
			// A tree copied onto / may hold anything; binaries built here
			// (COPY --from=build /out/server /) are only themselves.
			if !onlyBinaries(in.Copy, ends) {
				ev.maybe = true
			}
		case in.Copy != nil:
			for _, d := range fs.dirs {
				if !overlaps(in.Copy.DestPath, d) {
					continue
				}
				if b.sourceLacks(s, in.Copy, fs.fact) {
					// The COPY fails the build (copies-uninstalled-files
					// says so): it brings nothing, yet the stage may not
					// be called without the files either.
					ev.maybe = true
				} else {
					ev.present = true
				}
			}
		case in.Cmd == "env":
			for _, p := range in.Pairs {
				if slices.Contains(fs.env, p.Key) {
					ev.present = true
				}
			}
		case in.Run != nil:
			for _, c := range in.Run.Commands {
				for _, a := range c.Argv {
					for _, d := range fs.dirs {
						if strings.Contains(a, d) {
							// Made or fetched by hand.
							ev.maybe = true
						}
					}
				}
			}
		}
	}
}

// sourceLacks: COPY --from c in stage s copies from an earlier stage or an
// image known to lack the file set fact.
func (b *builder) sourceLacks(s *Stage, c *Copy, fact string) bool {
	if k := c.FromStage; k != nil && *k < s.Index {
		v := b.doc.Stages[*k].Files.get(fact)
		return v != nil && !*v
	}
	if c.FromImage != nil && c.FromImageFacts != nil {
		has, known := c.FromImageFacts.Bool(fact)
		return known && !has
	}
	return false
}

// get is the verdict on the file set fact.
func (f Files) get(fact string) *bool {
	switch fact {
	case caFiles.fact:
		return f.CACerts
	case tzFiles.fact:
		return f.Tzdata
	}
	return nil
}

// onlyBinaries: every source of COPY --from c is a go build output of its
// stage.
func onlyBinaries(c *Copy, ends [][]placement) bool {
	if c.FromStage == nil || *c.FromStage >= len(ends) || len(c.Sources) == 0 {
		return false
	}
	for _, src := range c.Sources {
		if !path.IsAbs(src) {
			src = "/" + src
		}
		found := false
		for _, p := range ends[*c.FromStage] {
			if !p.dir && p.path == path.Clean(src) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// overlaps: p is dir, under it, or a parent of it (copying /etc/ssl covers
// /etc/ssl/certs).
func overlaps(p, dir string) bool {
	return p != "" && (p == dir || strings.HasPrefix(p, dir+"/") || strings.HasPrefix(dir, strings.TrimSuffix(p, "/")+"/"))
}

// debugImage: the runtime stage r is a debug image: Delve in it, or a
// binary built with optimisations off.
func (b *builder) debugImage(r int) bool {
	s := &b.doc.Stages[r]
	for _, bin := range s.Binaries {
		g := b.doc.Stages[bin.Stage].Instructions[bin.Instruction].Run.Go[bin.Go]
		if g.Build.Kind == "debug" {
			return true
		}
	}
	return s.Delve
}

// delve: Delve is in the image of stage r (built here, copied in) or starts
// it.
func (b *builder) delve(r int) bool {
	s := &b.doc.Stages[r]
	for _, bin := range s.Binaries {
		g := b.doc.Stages[bin.Stage].Instructions[bin.Instruction].Run.Go[bin.Go]
		if path.Base(bin.Path) == "dlv" || slices.ContainsFunc(g.Packages, func(p string) bool { return strings.Contains(p, "go-delve/delve") }) {
			return true
		}
	}
	if w := b.startWords(s); len(w) > 0 && path.Base(w[0]) == "dlv" {
		return true
	}
	dlv := false
	b.chain(r, func(st *Stage) {
		for _, in := range st.Instructions {
			if in.Copy != nil && slices.ContainsFunc(in.Copy.Sources, func(src string) bool { return path.Base(src) == "dlv" }) {
				dlv = true
			}
		}
	})
	return dlv
}

// chain calls f on stage i and the stages it is built on.
func (b *builder) chain(i int, f func(*Stage)) {
	for k := i; ; {
		s := &b.doc.Stages[k]
		f(s)
		if s.From.Stage == nil || *s.From.Stage >= k {
			return
		}
		k = *s.From.Stage
	}
}

var (
	listenFlag = lazyre.New(`^--?[A-Za-z_.-]*(port|addr|address|listen|bind|http)[A-Za-z_.-]*(=|$)`)
	portVars   = wordSet("PORT HTTP_PORT APP_PORT SERVER_PORT LISTEN_PORT LISTEN_ADDR HTTP_ADDR ADDR")
)

// serves lists the evidence that runtime stage r serves on a port.
func (b *builder) serves(r int) []string {
	out := []string{}
	b.chain(r, func(st *Stage) {
		for _, in := range st.Instructions {
			if in.Cmd == "expose" && len(in.Expose) > 0 {
				out = append(out, fmt.Sprintf("EXPOSE on line %d", in.Line))
			}
		}
	})
	s := &b.doc.Stages[r]
	if start := b.startWords(s); len(start) > 0 {
		for _, a := range start[1:] {
			if listenFlag().MatchString(a) {
				out = append(out, fmt.Sprintf("it starts with %s", a))
				break
			}
		}
		if len(start) > 1 && slices.Contains([]string{"serve", "server", "run-server", "web"}, start[1]) {
			out = append(out, fmt.Sprintf("it starts `%s %s`", path.Base(start[0]), start[1]))
		}
	}
	ref := s.Entrypoint
	if ref == nil {
		ref = s.Cmd
	}
	if ref != nil {
		env := b.doc.Stages[ref.Stage].Instructions[ref.Instruction].Env
		for k, v := range env {
			if portVars[k] && v != nil && *v != "" {
				out = append(out, fmt.Sprintf("%s is set", k))
			}
		}
	}
	if s.Image != nil {
		if v, _ := s.Image.Bool("serves"); v {
			out = append(out, fmt.Sprintf("%s serves", s.From.Image))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// embedsTzdata: a Go binary in runtime stage r embeds the time zone
// database; null when the tags of one cannot be known, or when no go build
// is seen (a Makefile may set them).
func (b *builder) embedsTzdata(r int) *bool {
	t, f := true, false
	s := &b.doc.Stages[r]
	mentioned := false
	b.reach([]int{r}, func(st *Stage) {
		for _, in := range st.Instructions {
			if strings.Contains(in.Original, "timetzdata") || strings.Contains(in.Original, "time/tzdata") {
				mentioned = true
			}
		}
	})
	if mentioned {
		return &t
	}
	if len(s.Binaries) == 0 {
		return nil
	}
	for _, bin := range s.Binaries {
		g := b.doc.Stages[bin.Stage].Instructions[bin.Instruction].Run.Go[bin.Go]
		if slices.Contains(g.Unknown, "tags") {
			return nil
		}
	}
	return &f
}
