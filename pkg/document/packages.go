package document

import (
	"path"
	"slices"
	"strings"

	"github.com/golint-docker/golint-docker/pkg/internal/lazyre"
)

// addPackages records what the package-manager commands of a RUN install
// and remove.
func (st *stageState) addPackages(cmds []Command, line int) {
	s := st.stage()
	virtual := map[string][]string{}
	for _, c := range cmds {
		if len(c.Argv) < 2 {
			continue
		}
		manager, verb, args := c.Name, "", c.Argv[1:]
		for len(args) > 0 && strings.HasPrefix(args[0], "-") {
			args = args[1:]
		}
		if len(args) == 0 {
			continue
		}
		verb, args = args[0], args[1:]
		switch {
		case manager == "apk" && verb == "add":
			names, virt, _ := packageArgs(args, map[string]bool{"--virtual": true, "-t": true, "--repository": true, "-X": true})
			for _, n := range names {
				s.Packages = append(s.Packages, Package{Name: n, Manager: "apk", Recommends: true, Line: line})
				st.compiler = st.compiler || cCompilers[n]
			}
			if virt != "" {
				virtual[virt] = names
			}
		case manager == "apk" && verb == "del":
			names, _, _ := packageArgs(args, nil)
			for _, n := range names {
				st.remove(n)
				for _, v := range virtual[n] {
					st.remove(v)
				}
			}
		case (manager == "apt-get" || manager == "apt" || manager == "aptitude") && verb == "install":
			names, _, flags := packageArgs(args, map[string]bool{"-t": true, "-o": true, "--target-release": true})
			rec := !flags["--no-install-recommends"]
			for _, n := range names {
				s.Packages = append(s.Packages, Package{Name: n, Manager: "apt", Recommends: rec, Line: line})
				st.compiler = st.compiler || cCompilers[n]
			}
		case (manager == "apt-get" || manager == "apt") && (verb == "purge" || verb == "remove"):
			names, _, _ := packageArgs(args, nil)
			for _, n := range names {
				st.remove(n)
			}
		case (manager == "yum" || manager == "dnf" || manager == "microdnf" || manager == "zypper" || manager == "tdnf") && (verb == "install" || verb == "in"):
			names, _, flags := packageArgs(args, nil)
			rec := !flags["--setopt=install_weak_deps=False"] && !flags["--setopt=install_weak_deps=0"] && !flags["--no-recommends"]
			for _, n := range names {
				s.Packages = append(s.Packages, Package{Name: n, Manager: manager, Recommends: rec, Line: line})
				st.compiler = st.compiler || cCompilers[n]
			}
		}
	}
}

// packageArgs splits install arguments into package names (versions cut:
// tzdata=2024a, curl~=8), the virtual package name of apk --virtual, and the
// flags seen. valued are the flags that take the next word.
func packageArgs(args []string, valued map[string]bool) (names []string, virtual string, flags map[string]bool) {
	flags = map[string]bool{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") {
			flag, val, hasVal := strings.Cut(a, "=")
			flags[a], flags[flag] = true, true
			if valued[flag] && !hasVal && i+1 < len(args) {
				i++
				val = args[i]
			}
			if flag == "--virtual" || flag == "-t" {
				virtual = val
			}
			continue
		}
		if strings.ContainsAny(a, "$`") {
			continue
		}
		name := a
		if k := strings.IndexAny(name, "=<>~"); k > 0 {
			name = name[:k]
		}
		names = append(names, name)
	}
	return names, virtual, flags
}

// remove marks a package the stage installed as removed.
func (st *stageState) remove(name string) {
	s := st.stage()
	for k := range s.Packages {
		if s.Packages[k].Name == name {
			s.Packages[k].Removed = true
		}
	}
}

// Package managers whose commands PackageCommands describes.
var packageManagers = map[string]bool{
	"apt-get": true, "apt": true, "aptitude": true, "apk": true,
	"dnf": true, "yum": true, "microdnf": true, "tdnf": true, "zypper": true,
}

// aptValued are the apt options that take the next word as their value.
var aptValued = map[string]bool{"-o": true, "--option": true, "-t": true, "--target-release": true, "--default-release": true, "-c": true, "--config-file": true}

// apkValued are the apk options that take the next word as their value.
var apkValued = map[string]bool{"--virtual": true, "-t": true, "--repository": true, "-X": true, "--root": true, "-p": true, "--keys-dir": true, "--repositories-file": true, "--arch": true, "--cache-dir": true}

// packageCommands describes the package-manager commands of a RUN: what
// they install and with which options, whether what they leave behind is
// removed before the RUN ends. apt says whether the stage's apt
// configuration already answers yes and skips recommends (true or unknown
// count as set).
func (st *stageState) packageCommands(cmds []Command, pipes []Pipeline, mounts []Mount) []PackageCommand {
	out := []PackageCommand{}
	for k, c := range cmds {
		argv := c.Argv
		if c.Expanded != nil {
			argv = c.Expanded
		}
		argv = unwrapCommand(argv)
		if len(argv) == 0 || !packageManagers[path.Base(argv[0])] {
			continue
		}
		pc := PackageCommand{Command: k, Manager: path.Base(argv[0]), Args: []PackageArg{}, Span: c.Span}
		valued := aptValued
		if pc.Manager == "apk" {
			valued = apkValued
			pc.AssumeYes = true
		}
		for i := 1; i < len(argv); i++ {
			a := argv[i]
			if strings.HasPrefix(a, "-") {
				flag, val, hasVal := strings.Cut(a, "=")
				if valued[flag] && !hasVal && i+1 < len(argv) {
					i++
					val = argv[i]
				}
				if (flag == "-o" || flag == "--option") || strings.HasPrefix(a, "-o") && !strings.HasPrefix(a, "--") && len(a) > 2 {
					if flag != "-o" && flag != "--option" {
						val = strings.TrimPrefix(a, "-o")
					}
					pc.aptOption(val)
					continue
				}
				pc.option(flag)
				continue
			}
			if pc.Verb == "" {
				pc.Verb = a
				continue
			}
			if strings.ContainsAny(a, "$`") {
				pc.ArgsUnknown = true
				continue
			}
			pc.Args = append(pc.Args, packageArg(pc.Manager, a))
		}
		if c.Expanded == nil && slices.ContainsFunc(c.Argv, func(a string) bool { return strings.ContainsAny(a, "$`") }) {
			pc.ArgsUnknown = true
		}
		pc.Unpinned = []string{}
		for _, a := range pc.Args {
			if !a.Local && a.Version == "" {
				pc.Unpinned = append(pc.Unpinned, a.Name)
			}
		}
		if yesPiped(k, cmds, pipes) {
			pc.AssumeYes = true
		}
		if isApt(pc.Manager) {
			pc.AssumeYes = pc.AssumeYes || st.apt.assumeYes
			pc.NoRecommends = pc.NoRecommends || st.apt.noRecommends
		}
		pc.CacheRemoved = cacheRemoved(pc.Manager, cmds[k+1:], mounts)
		out = append(out, pc)
	}
	return out
}

func isApt(manager string) bool {
	return manager == "apt-get" || manager == "apt" || manager == "aptitude"
}

// option records what a flag of a package-manager command says.
func (pc *PackageCommand) option(flag string) {
	switch flag {
	case "-y", "--yes", "--assume-yes", "--force-yes", "-n", "--non-interactive", "--noconfirm":
		pc.AssumeYes = true
	case "--no-install-recommends":
		pc.NoRecommends = true
	case "--no-cache":
		pc.NoCache = true
	case "--update", "-U":
		pc.Update = true
	case "-qq", "--quiet=2", "-q=2":
		// apt-get: quiet level 2 implies -y.
		pc.AssumeYes = pc.AssumeYes || isApt(pc.Manager)
	}
	if len(flag) > 2 && flag[0] == '-' && flag[1] != '-' {
		// Combined short options: -qy, -yqq, -Uq.
		short := flag[1:]
		if strings.Trim(short, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
			pc.AssumeYes = pc.AssumeYes || pc.Manager != "apk" && strings.Contains(short, "y") || isApt(pc.Manager) && strings.Count(short, "q") >= 2
			pc.Update = pc.Update || pc.Manager == "apk" && strings.Contains(short, "U")
		}
	}
}

// aptOption records an apt -o Name=value option.
func (pc *PackageCommand) aptOption(kv string) {
	name, val, _ := strings.Cut(kv, "=")
	val = strings.ToLower(strings.Trim(val, `"'`))
	switch strings.ToLower(name) {
	case "apt::get::assume-yes":
		pc.AssumeYes = pc.AssumeYes || val == "true" || val == "1" || val == "yes"
	case "apt::install-recommends":
		pc.NoRecommends = pc.NoRecommends || val == "false" || val == "0" || val == "no"
	}
}

// packageArg splits a package word into its name and pinned version.
func packageArg(manager, word string) PackageArg {
	if strings.HasPrefix(word, "./") || strings.HasPrefix(word, "/") || strings.HasPrefix(word, "../") ||
		strings.HasSuffix(word, ".deb") || strings.HasSuffix(word, ".apk") || strings.HasSuffix(word, ".rpm") || strings.Contains(word, "://") {
		return PackageArg{Name: word, Local: true}
	}
	if k := strings.IndexAny(word, "=<>~"); k > 0 {
		return PackageArg{Name: word[:k], Version: strings.TrimLeft(word[k:], "=<>~")}
	}
	if manager != "apk" && !isApt(manager) {
		// dnf/yum/zypper: name-version (curl-7.76.1) cannot be told from a
		// name with a dash; say nothing of a version.
		return PackageArg{Name: word}
	}
	return PackageArg{Name: word}
}

// unwrapCommand drops the commands that run another one (sudo, env) and
// their options: `sudo -E apt-get install ...` is an apt-get command.
func unwrapCommand(argv []string) []string {
	for len(argv) > 0 {
		switch path.Base(argv[0]) {
		case "sudo":
			argv = argv[1:]
			for len(argv) > 0 && strings.HasPrefix(argv[0], "-") {
				if argv[0] == "-u" || argv[0] == "-g" || argv[0] == "-C" || argv[0] == "-D" {
					argv = argv[1:]
				}
				if len(argv) > 0 {
					argv = argv[1:]
				}
			}
		case "env":
			argv = argv[1:]
			for len(argv) > 0 && (strings.HasPrefix(argv[0], "-") || strings.Contains(argv[0], "=")) {
				argv = argv[1:]
			}
		default:
			return argv
		}
	}
	return argv
}

// yesPiped: command k is fed by `yes |`.
func yesPiped(k int, cmds []Command, pipes []Pipeline) bool {
	for _, p := range pipes {
		for i, c := range p.Commands {
			if c == k && i > 0 && p.Commands[0] >= 0 && cmds[p.Commands[0]].Name == "yes" {
				return true
			}
		}
	}
	return false
}

// Where package managers keep what a RUN should not leave in its layer.
var managerCaches = map[string][]string{
	"apt-get":  {"/var/lib/apt/lists", "/var/lib/apt"},
	"apt":      {"/var/lib/apt/lists", "/var/lib/apt"},
	"aptitude": {"/var/lib/apt/lists", "/var/lib/apt"},
	"apk":      {"/var/cache/apk", "/etc/apk/cache"},
}

// cacheRemoved: the lists or index the manager leaves are removed by a
// later command of the RUN, or never reach the layer (a cache or tmpfs
// mount holds them).
func cacheRemoved(manager string, later []Command, mounts []Mount) bool {
	dirs := managerCaches[manager]
	if dirs == nil {
		return false
	}
	for _, m := range mounts {
		if m.Type != "cache" && m.Type != "tmpfs" {
			continue
		}
		for _, d := range dirs {
			if path.Clean(m.Target) == d {
				return true
			}
		}
	}
	for _, c := range later {
		argv := unwrapCommand(c.Argv)
		if len(argv) == 0 {
			continue
		}
		if isApt(manager) && isApt(path.Base(argv[0])) && slices.ContainsFunc(argv[1:], func(a string) bool { return a == "distclean" || a == "dist-clean" }) {
			return true
		}
		if path.Base(argv[0]) != "rm" {
			continue
		}
		for _, a := range argv[1:] {
			a = strings.TrimRight(strings.TrimSuffix(a, "*"), "/")
			if a == dirs[0] || strings.HasPrefix(dirs[0], a+"/") {
				return true
			}
		}
	}
	return false
}

// aptConfig is what the apt configuration of a stage says so far: set
// answers yes, or skips recommends (true also when a file whose content
// is not known was copied into /etc/apt: it may say so).
type aptConfig struct {
	assumeYes, noRecommends bool
}

var (
	aptYesRe = lazyre.New(`(?i)APT::Get::Assume-Yes\s*"?(true|1|yes)`)
	aptRecRe = lazyre.New(`(?i)APT::Install-Recommends\s*"?(false|0|no)`)
)

// aptConfigured follows the apt configuration written by a RUN (echo
// 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/...).
func (st *stageState) aptConfigured(script string) {
	if !strings.Contains(script, "APT::") && !strings.Contains(script, "apt::") {
		return
	}
	st.apt.assumeYes = st.apt.assumeYes || aptYesRe().MatchString(script)
	st.apt.noRecommends = st.apt.noRecommends || aptRecRe().MatchString(script)
}

// copiedAptConfig follows a COPY or ADD into /etc/apt: a here-document is
// read; a file may say anything, so both settings count as made.
func (st *stageState) copiedAptConfig(c *Copy) {
	if c.DestPath != "/etc/apt" && !strings.HasPrefix(c.DestPath, "/etc/apt/") {
		return
	}
	if len(c.Heredocs) > 0 && len(c.Sources) == 0 {
		for _, h := range c.Heredocs {
			st.aptConfigured(h.Content)
		}
		return
	}
	st.apt = aptConfig{assumeYes: true, noRecommends: true}
}
