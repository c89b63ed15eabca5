package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
)

// writeXML writes the XML declaration and v indented by two spaces, with a
// final newline.
func writeXML(w io.Writer, v any) error {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.Write(out)
	b.WriteByte('\n')
	_, err = w.Write(b.Bytes())
	return err
}

// xmlText escapes s as element content, keeping its newlines as newlines
// (encoding/xml writes them as &#xA;) so multi-line text stays readable.
// Characters XML cannot hold become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), "&#xA;", "\n")
}
