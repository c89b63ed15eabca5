package fix

import (
	"path/filepath"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/golint-docker/golint-docker/pkg/safeio"
)

// Diff is the unified diff that turns before into after, "" when they are
// the same. A relative name gets git's a/ and b/ prefixes, so that
// `git apply` and `patch -p1` take the diff as it is. A name with control
// characters is escaped (safeio.Escape): each header stays one line.
func Diff(name string, before, after []byte) string {
	if string(before) == string(after) {
		return ""
	}
	name = safeio.Escape(filepath.ToSlash(name))
	from, to := name, name
	if !filepath.IsAbs(name) && !strings.HasPrefix(name, "/") {
		from, to = "a/"+name, "b/"+name
	}
	return udiff.Unified(from, to, string(before), string(after))
}
