package document

import (
	"path"
	"strings"

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
