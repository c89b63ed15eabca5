// Package imagefacts answers what golint-docker knows about a base image
// (its C library, shell, users, CA bundle, Go toolchain...) and what an
// installed package brings with it, from the data documents the rules ship
// (policies/golintdocker/images and packages), which a configuration's
// `data:` may extend or override. It is public API for other Go programs.
package imagefacts

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gobwas/glob"

	"github.com/golint-docker/golint-docker/pkg/imageref"
)

// Catalog holds the image and package facts.
type Catalog struct {
	images   []image
	packages []pkg
}

type image struct {
	key      string
	priority int
	patterns []*glob.Pattern
	facts    map[string]any
}

type pkg struct {
	pattern *glob.Pattern
	// brings maps a fact (ca_certs, tzdata) to "depends" (always installed
	// with the package) or "recommends" (unless recommends are skipped).
	brings map[string]string
}

// Facts is what is known about one image: the data entry's fields (without
// match, priority and description) and its key as "id". A field that is
// absent is not known.
type Facts map[string]any

// Bool returns a boolean fact and whether it is known.
func (f Facts) Bool(name string) (value, known bool) {
	v, ok := f[name].(bool)
	return v, ok
}

// String returns a string fact, "" when it is not known.
func (f Facts) String(name string) string {
	s, _ := f[name].(string)
	return s
}

// New reads the data document data.golintdocker (the object holding
// "images" and "packages"). Either may be missing: nothing is then known.
func New(golintdocker map[string]any) (*Catalog, error) {
	c := &Catalog{}
	if raw, ok := golintdocker["images"]; ok {
		imgs, ok := raw.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("data golintdocker.images: want an object, not %T", raw)
		}
		for key, v := range imgs {
			img, err := readImage(key, v)
			if err != nil {
				return nil, err
			}
			c.images = append(c.images, img)
		}
	}
	// The highest priority wins; ties go to the key, so the answer does not
	// depend on map order.
	sort.Slice(c.images, func(i, j int) bool {
		if c.images[i].priority != c.images[j].priority {
			return c.images[i].priority > c.images[j].priority
		}
		return c.images[i].key > c.images[j].key
	})
	if raw, ok := golintdocker["packages"]; ok {
		pkgs, ok := raw.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("data golintdocker.packages: want an object, not %T", raw)
		}
		keys := make([]string, 0, len(pkgs))
		for k := range pkgs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p, err := readPackage(k, pkgs[k])
			if err != nil {
				return nil, err
			}
			c.packages = append(c.packages, p)
		}
	}
	return c, nil
}

func readImage(key string, v any) (image, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return image{}, fmt.Errorf("data golintdocker.images.%s: want an object, not %T", key, v)
	}
	img := image{key: key, facts: map[string]any{"id": key}}
	for k, val := range obj {
		switch k {
		case "match":
			list, ok := val.([]any)
			if !ok {
				return image{}, fmt.Errorf("data golintdocker.images.%s.match: want a list of patterns", key)
			}
			for _, p := range list {
				s, ok := p.(string)
				if !ok {
					return image{}, fmt.Errorf("data golintdocker.images.%s.match: %v is not a string", key, p)
				}
				// The same glob as OPA's glob.match(pattern, ["/"], ref).
				g, err := glob.Compile(s, '/')
				if err != nil {
					return image{}, fmt.Errorf("data golintdocker.images.%s.match %q: %v", key, s, err)
				}
				img.patterns = append(img.patterns, g)
			}
		case "priority":
			n, err := number(val)
			if err != nil {
				return image{}, fmt.Errorf("data golintdocker.images.%s.priority: %v", key, err)
			}
			img.priority = n
		case "description":
		default:
			img.facts[k] = val
		}
	}
	return img, nil
}

func readPackage(name string, v any) (pkg, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return pkg{}, fmt.Errorf("data golintdocker.packages.%s: want an object, not %T", name, v)
	}
	g, err := glob.Compile(name)
	if err != nil {
		return pkg{}, fmt.Errorf("data golintdocker.packages.%s: %v", name, err)
	}
	p := pkg{pattern: g, brings: map[string]string{}}
	for fact, how := range obj {
		if fact == "description" {
			continue
		}
		s, _ := how.(string)
		if s != "depends" && s != "recommends" {
			return pkg{}, fmt.Errorf("data golintdocker.packages.%s.%s: want \"depends\" or \"recommends\", not %v", name, fact, how)
		}
		p.brings[fact] = s
	}
	return p, nil
}

func number(v any) (int, error) {
	switch n := v.(type) {
	case float64:
		return int(n), nil
	case int:
		return n, nil
	case interface{ Int64() (int64, error) }: // json.Number
		i, err := n.Int64()
		return int(i), err
	}
	return 0, fmt.Errorf("want a number, not %T", v)
}

// mirrors serve Docker Hub's official images under library/.
var mirrors = map[string]string{
	"mirror.gcr.io":                   "library/",
	"public.ecr.aws":                  "docker/library/",
	"registry.hub.docker.com":         "library/",
	"index.docker.io":                 "library/",
	"registry-1.docker.io":            "library/",
	"docker.mirrors.ustc.edu.cn":      "library/",
	"dockerhub.azk8s.cn":              "library/",
	"registry.docker-cn.com":          "library/",
	"hub.docker.com":                  "library/",
	"docker.io":                       "library/",
	"quay.io/official-images":         "",
	"mcr.microsoft.com/mirror/docker": "library/",
}

// Key is the string image patterns match: name:tag, name:latest without a
// tag. An official image pulled through a Docker Hub mirror
// (mirror.gcr.io/library/alpine) matches as the official image.
func Key(r imageref.Ref) string {
	name := r.Name
	for host, prefix := range mirrors {
		if strings.HasPrefix(name, host+"/"+prefix) {
			rest := strings.TrimPrefix(name, host+"/"+prefix)
			if rest != "" && !strings.Contains(rest, "/") {
				name = rest
			}
			break
		}
	}
	tag := r.Tag
	if tag == "" {
		tag = "latest"
	}
	return name + ":" + tag
}

// Image returns the facts of the image r names, nil when it is unknown (no
// pattern matches, an unresolved variable, an invalid reference).
func (c *Catalog) Image(r imageref.Ref) Facts {
	// An invalid reference names no image, whatever its parts look like:
	// golang:${A} with A empty (an ARG read before it is declared) is
	// "golang:", which BuildKit refuses, not golang:latest.
	if c == nil || r.Error != "" {
		return nil
	}
	if r.Scratch {
		r = imageref.Ref{Name: "scratch", Scratch: true}
	}
	key := Key(r)
	if strings.Contains(key, "$") {
		return nil
	}
	for _, img := range c.images {
		for _, g := range img.patterns {
			if g.Match(key) {
				return img.facts
			}
		}
	}
	return nil
}

// Brings reports what installing the package name gives a stage: the facts
// (ca_certs, tzdata...) it provides, given whether recommended packages are
// installed too.
func (c *Catalog) Brings(name string, recommends bool) []string {
	if c == nil {
		return nil
	}
	var out []string
	for _, p := range c.packages {
		if !p.pattern.Match(name) {
			continue
		}
		for fact, how := range p.brings {
			if how == "depends" || recommends {
				out = append(out, fact)
			}
		}
	}
	sort.Strings(out)
	return out
}
