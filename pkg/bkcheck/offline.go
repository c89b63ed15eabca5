package bkcheck

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/distribution/reference"
	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	gwclient "github.com/moby/buildkit/frontend/gateway/client"
	gwpb "github.com/moby/buildkit/frontend/gateway/pb"
	"github.com/moby/buildkit/solver/pb"
	"github.com/moby/buildkit/util/apicaps"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
	fstypes "github.com/tonistiigi/fsutil/types"

	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
)

// This file stands in for the BuildKit daemon. dockerfile2llb.DockerfileLint
// talks to its build context and to registries through two interfaces: a
// gateway client (frontend/gateway/client.Client, wrapped by
// frontend/dockerui.Client) and an image metadata resolver
// (llb.ImageMetaResolver). Both are answered here from memory, so a check
// never opens a socket:
//
//   - build options (build args, target, BUILDKIT_DOCKERFILE_CHECK) come from
//     Options, in the "build-arg:NAME" / "target" form the daemon passes;
//   - the only file of the build context BuildKit asks for while linting is
//     .dockerignore, which is served from Options.DockerIgnore;
//   - every base image resolves to an image config that has no layers, no
//     platform and only the environment Options.ImageEnv gives it (by default
//     DefaultImageEnv); BuildKit then treats the image like scratch.
//
// Anything else BuildKit might ask the daemon for (running a container,
// fetching source metadata for SOURCE_DATE_EPOCH or a named context) is
// refused with errOffline, which DockerfileLint reports as a build error.

// errOffline is what the stand-in daemon answers to anything it cannot
// answer from memory.
var errOffline = errors.New("bkcheck: not available offline (golint-docker never contacts a BuildKit daemon or a registry)")

// workerPlatform is the platform of the stand-in BuildKit worker: the build
// platform, and the target platform of a lint (docker build --check lints for
// the build platform only). It is fixed so that findings do not depend on the
// machine golint-docker runs on.
var workerPlatform = ocispecs.Platform{OS: "linux", Architecture: "amd64"}

// resolveHook, when set (by tests), is called for every base image BuildKit
// asks to resolve.
var resolveHook atomic.Pointer[func(ref string)]

// localResolver answers BuildKit's base-image lookups without a registry.
type localResolver struct {
	env func(ref string) []string
}

func (r localResolver) ResolveImageConfig(ctx context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	if h := resolveHook.Load(); h != nil {
		(*h)(ref)
	}
	var img struct {
		Config struct {
			Env []string `json:",omitempty"`
		} `json:"config"`
	}
	if r.env != nil {
		img.Config.Env = r.env(ref)
	}
	dt, err := json.Marshal(img)
	if err != nil {
		return "", "", nil, err
	}
	return ref, "", dt, nil
}

var _ llb.ImageMetaResolver = localResolver{}

// DefaultImageEnv is the environment Check gives a base image when
// Options.ImageEnv is nil. It knows the official Go images (any image whose
// repository's last path element is "golang": golang:1.23,
// docker.io/library/golang, mirror.gcr.io/library/golang, ...), which define
// GOPATH, GOTOOLCHAIN, GOLANG_VERSION and PATH, and nothing else.
func DefaultImageEnv(ref string) []string {
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return nil
	}
	p := reference.Path(named)
	if p[strings.LastIndex(p, "/")+1:] != "golang" {
		return nil
	}
	version := ""
	if t, ok := named.(reference.Tagged); ok {
		version = goVersionRE().FindString(t.Tag())
	}
	// As set by docker-library/golang's Dockerfiles (linux variants).
	return []string{
		"PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"GOLANG_VERSION=" + version,
		"GOTOOLCHAIN=local",
		"GOPATH=/go",
	}
}

var goVersionRE = lazyre.New(`^[0-9]+(\.[0-9]+)*`)

// offlineGateway implements the gateway client the Dockerfile frontend runs
// against inside buildkitd.
type offlineGateway struct {
	localResolver
	opts         map[string]string
	dockerignore []byte       // nil: no .dockerignore
	solves       atomic.Int64 // how often .dockerignore was loaded
}

var _ gwclient.Client = (*offlineGateway)(nil)

func newOfflineGateway(res localResolver, opts map[string]string, dockerignore []byte) *offlineGateway {
	return &offlineGateway{localResolver: res, opts: opts, dockerignore: dockerignore}
}

func (g *offlineGateway) BuildOpts() gwclient.BuildOpts {
	return gwclient.BuildOpts{
		Opts:      g.opts,
		SessionID: "golint-docker",
		Workers:   []gwclient.WorkerInfo{{ID: "golint-docker", Platforms: []ocispecs.Platform{workerPlatform}}},
		Product:   "golint-docker",
		LLBCaps:   allCaps().llb,
		Caps:      allCaps().gateway,
	}
}

// allCaps are every LLB and gateway capability of the BuildKit version
// linked in, which the stand-in supports as a daemon of that version would.
// Listing them sorts every capability, and the frontend asks for them on
// each check: they are worked out once, and only read after that.
var allCaps = sync.OnceValue(func() (c struct{ llb, gateway apicaps.CapSet }) {
	c.llb = pb.Caps.CapSet(pb.Caps.All())
	c.gateway = gwpb.Caps.CapSet(gwpb.Caps.All())
	return c
})

// Solve answers the one solve a lint makes: loading .dockerignore from the
// build context (dockerui.Client.DockerIgnorePatterns).
func (g *offlineGateway) Solve(ctx context.Context, req gwclient.SolveRequest) (*gwclient.Result, error) {
	if req.Definition == nil || req.Frontend != "" {
		return nil, errOffline
	}
	g.solves.Add(1)
	res := gwclient.NewResult()
	res.SetRef(&contextRef{dockerignore: g.dockerignore})
	return res, nil
}

func (g *offlineGateway) ResolveSourceMetadata(ctx context.Context, op *pb.SourceOp, opt sourceresolver.Opt) (*sourceresolver.MetaResponse, error) {
	return nil, errOffline
}

// Inputs returns no frontend inputs: the build context is the default local
// context, which is never read beyond .dockerignore.
func (g *offlineGateway) Inputs(ctx context.Context) (map[string]llb.State, error) {
	return map[string]llb.State{}, nil
}

func (g *offlineGateway) NewContainer(ctx context.Context, req gwclient.NewContainerRequest) (gwclient.Container, error) {
	return nil, errOffline
}

func (g *offlineGateway) Warn(ctx context.Context, dgst digest.Digest, msg string, opts gwclient.WarnOpts) error {
	return nil
}

// contextRef is the build context as the lint sees it: at most a .dockerignore.
type contextRef struct {
	dockerignore []byte
}

func (r *contextRef) file(name string) ([]byte, error) {
	if strings.TrimPrefix(name, "/") != ".dockerignore" || r.dockerignore == nil {
		return nil, fs.ErrNotExist
	}
	return r.dockerignore, nil
}

func (r *contextRef) ToState() (llb.State, error) { return llb.Scratch(), nil }

func (r *contextRef) Evaluate(ctx context.Context) error { return nil }

func (r *contextRef) ReadFile(ctx context.Context, req gwclient.ReadRequest) ([]byte, error) {
	dt, err := r.file(req.Filename)
	if err != nil {
		// No .dockerignore: dockerui reads no data as an empty one.
		return nil, nil
	}
	if rg := req.Range; rg != nil {
		off := min(max(rg.Offset, 0), len(dt))
		end := len(dt)
		if rg.Length > 0 {
			end = min(off+rg.Length, len(dt))
		}
		dt = dt[off:end]
	}
	return dt, nil
}

func (r *contextRef) StatFile(ctx context.Context, req gwclient.StatRequest) (*fstypes.Stat, error) {
	dt, err := r.file(req.Path)
	if err != nil {
		return nil, err
	}
	return &fstypes.Stat{Path: ".dockerignore", Mode: 0o644, Size: int64(len(dt))}, nil
}

func (r *contextRef) ReadDir(ctx context.Context, req gwclient.ReadDirRequest) ([]*fstypes.Stat, error) {
	return nil, errOffline
}
