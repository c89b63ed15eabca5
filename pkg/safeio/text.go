package safeio

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape makes untrusted text safe to show on one line of a terminal or a
// CI log: control characters (ESC, BEL, NUL, CR, LF, DEL, the C1 set),
// invisible and direction-changing format characters (bidi overrides,
// zero-width spaces) and bytes that are not UTF-8 become visible escapes
// (\x1b, \n, \u202e); everything printable, tabs and spaces stay as they are.
func Escape(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t' || r == ' ':
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Excerpt is Escape of s cut to at most max runes, with "…" where it was
// cut: how much of a hostile line an error message may quote.
func Excerpt(s string, max int) string {
	s = Escape(s)
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// clean reports whether Escape would leave s unchanged.
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
		if c >= utf8.RuneSelf {
			return cleanFrom(s[i:])
		}
	}
	return true
}

func cleanFrom(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r < 0x20 && r != '\t' || r == 0x7f || unsafeRune(r) {
			return false
		}
		i += n
	}
	return true
}

// unsafeRune: C1 controls, and format characters that hide or reorder text
// (Trojan Source: U+202E, U+2066..U+2069; zero-width U+200B..U+200F;
// line and paragraph separators that some viewers break lines on).
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r < 0xa0:
		return true
	case r == 0x2028 || r == 0x2029 || r == 0xfeff:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x2069:
		return true
	}
	return unicode.Is(unicode.Cc, r)
}

// HTTPURL returns s when it is an absolute http(s) URL and "" otherwise: a
// help link from a policy or an OPA server must not be javascript:, data:
// or file: by the time a SARIF viewer or a browser follows it.
func HTTPURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}
