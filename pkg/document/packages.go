package document

import "strings"

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
