package app

import (
	"context"
	"io"

	"github.com/golint-docker/golint-docker/pkg/config"
	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/lint"
)

// Input is what the rules read for one Dockerfile.
type Input struct {
	Document *document.Document
	// Data is the data document (data.golintdocker and beside it): the
	// rules' own data with the configuration's data, trusted registries
	// and enabled rules over it, and the rules' metadata.
	Data map[string]any
	// Problems are said as a lint run says them (see Resolved.Canonical).
	Problems []string
}

// ReadInput builds the input document of path ("-": stdin) as a lint run
// with s would: with the configuration that applies to it (its image and
// package facts, its policies' data, its enable:), the build arguments, the
// target and the build context.
func ReadInput(ctx context.Context, s Settings, path string, stdin io.Reader) (*Input, error) {
	r := &runner{s: s}
	if r.s.Finder == nil {
		r.s.Finder = config.DefaultFinder()
	}
	cfgPath, err := r.configPath(r.configDir(path))
	if err != nil {
		return nil, err
	}
	cfg, err := r.loadConfig(cfgPath)
	if err != nil {
		return nil, err
	}
	res := s.Resolve(cfg)
	loaded, err := LoadPolicies(res.Catalogue.PolicyDirs)
	if err != nil {
		return nil, err
	}
	opt, problems, err := res.Canonical(loaded.Rules)
	if err != nil {
		return nil, err
	}
	data, err := Enabled(res.Catalogue.Data, loaded.Rules, res.Catalogue.Enable)
	if err != nil {
		return nil, err
	}
	var unread []string
	if gd, ok := data["golintdocker"].(map[string]any); ok {
		unread = loaded.Unread(gd)
	}
	if err := checkData(cfg, unread, loaded.Rules); err != nil {
		return nil, err
	}
	if opt.Facts, err = Facts(loaded, data); err != nil {
		return nil, err
	}
	in := &Input{Problems: problems}
	if in.Document, err = lint.New(nil, opt).ReadDocument(path, stdin); err != nil {
		return nil, err
	}
	if in.Data, err = loaded.DataDocument(data); err != nil {
		return nil, err
	}
	return in, ctx.Err()
}
