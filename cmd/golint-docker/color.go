package main

import (
	"os"

	"github.com/mattn/go-isatty"
)

// wantColor decides whether the tty format is coloured. --color always and
// never are final; auto colours a terminal, unless NO_COLOR is set or TERM
// is dumb, and FORCE_COLOR or CLICOLOR_FORCE (set, not 0) colour anything.
// FORCE_COLOR=0 turns colour off.
func wantColor(mode string, e env) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if force := e.getenv("FORCE_COLOR"); force != "" {
		return force != "0" && force != "false"
	}
	if force := e.getenv("CLICOLOR_FORCE"); force != "" && force != "0" {
		return true
	}
	if e.getenv("NO_COLOR") != "" || e.getenv("TERM") == "dumb" {
		return false
	}
	return e.isTerminal != nil && e.isTerminal()
}

func stdoutIsTerminal() bool {
	return isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd())
}
