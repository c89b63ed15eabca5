package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/finding"
)

// junit is a JUnit XML report, for CI systems that show test results
// (GitLab's junit reports, Jenkins, Azure Pipelines): one test case per file,
//
//	<testsuites name="golint-docker" tests="3" failures="1" errors="1">
//	  <testsuite name="golint-docker" tests="3" failures="1" errors="1">
//	    <testcase classname="golint-docker" name="services/api/Dockerfile">
//	      <failure message="2 problems" type="lint">5: error: message [GD004]
//	6: warning: message [GD002]</failure>
//	      <system-out>2: info: message [GD010]</system-out>
//	    </testcase>
//	    ...
//
// Findings at or above the failure threshold fail the file's test case, one
// <failure> listing them; those below it go to <system-out>, so the test case
// passes. A file that could not be linted is an <error>.
type junit struct {
	w         io.Writer
	threshold finding.Severity
	suite     junitSuite
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Classname string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
	SystemOut *junitText    `xml:"system-out"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",innerxml"`
}

type junitText struct {
	Text string `xml:",innerxml"`
}

func newJUnit(w io.Writer, _ Tool, opt Options) Writer {
	return &junit{w: w, threshold: opt.Threshold, suite: junitSuite{Name: "golint-docker"}}
}

func (j *junit) Write(r Result) error {
	c := junitCase{Classname: "golint-docker", Name: clean(r.File)}
	var failing, passing []string
	for _, f := range r.Findings {
		line := fmt.Sprintf("%d: %s: %s [%s]", f.Line, f.Severity, cleanText(f.Message), clean(f.RuleID))
		if f.Severity >= j.threshold {
			failing = append(failing, line)
		} else {
			passing = append(passing, line)
		}
	}
	if len(failing) > 0 {
		c.Failure = &junitProblem{
			Message: plural(len(failing), "problem"),
			Type:    "lint",
			Text:    xmlText(strings.Join(failing, "\n")),
		}
	}
	if len(passing) > 0 {
		c.SystemOut = &junitText{Text: xmlText(strings.Join(passing, "\n"))}
	}
	if r.Err != nil {
		c.Error = &junitProblem{
			Message: cleanText(r.Err.Msg),
			Type:    "parse",
			Text:    xmlText(cleanText((&FileError{File: errorFile(r), Line: r.Err.Line, Msg: r.Err.Msg}).Error())),
		}
	}
	j.suite.Tests++
	if c.Failure != nil {
		j.suite.Failures++
	}
	if c.Error != nil {
		j.suite.Errors++
	}
	j.suite.Cases = append(j.suite.Cases, c)
	return nil
}

func (j *junit) Close(Summary) error {
	return writeXML(j.w, junitSuites{
		Name:     j.suite.Name,
		Tests:    j.suite.Tests,
		Failures: j.suite.Failures,
		Errors:   j.suite.Errors,
		Suites:   []junitSuite{j.suite},
	})
}
