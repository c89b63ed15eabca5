package report

import (
	"encoding/xml"
	"io"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// checkstyle is Checkstyle's XML report, which Jenkins, reviewdog, SonarQube
// and many CI tools read:
//
//	<?xml version="1.0" encoding="UTF-8"?>
//	<checkstyle version="4.3">
//	  <file name="services/api/Dockerfile">
//	    <error line="5" column="1" severity="error" message="..." source="golint-docker.GD004"></error>
//	  </file>
//	</checkstyle>
//
// Every file is listed, in order, clean ones with no <error>. The message
// carries the fix ("... Fix: ..."); the column is always 1, as findings are
// about lines. A file that could not be linted has one error with source
// golint-docker.parse (line 1 when the line is unknown).
type checkstyle struct {
	w   io.Writer
	doc checkstyleDoc
}

type checkstyleDoc struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func newCheckstyle(w io.Writer, _ Tool, _ Options) Writer {
	return &checkstyle{w: w, doc: checkstyleDoc{Version: "4.3"}}
}

func (c *checkstyle) Write(r Result) error {
	f := checkstyleFile{Name: clean(r.File)}
	for _, fd := range r.Findings {
		f.Errors = append(f.Errors, checkstyleError{
			Line:     max(fd.Line, 1),
			Column:   1,
			Severity: fd.Severity.String(),
			Message:  cleanText(messageWithFix(fd)),
			Source:   "golint-docker." + clean(fd.RuleID),
		})
	}
	if r.Err != nil {
		f.Errors = append(f.Errors, checkstyleError{
			Line:     max(r.Err.Line, 1),
			Column:   1,
			Severity: finding.Error.String(),
			Message:  cleanText(r.Err.Msg),
			Source:   "golint-docker.parse",
		})
	}
	c.doc.Files = append(c.doc.Files, f)
	return nil
}

func (c *checkstyle) Close(Summary) error {
	return writeXML(c.w, c.doc)
}
