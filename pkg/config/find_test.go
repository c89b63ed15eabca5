package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree makes directories and files (a name ending in / is a directory)
// under a fresh root, and returns the root.
func tree(t *testing.T, names ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, n := range names {
		p := filepath.Join(root, filepath.FromSlash(n))
		if strings.HasSuffix(n, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestFinder(t *testing.T) {
	for _, tc := range []struct {
		name          string
		files         []string
		home, workDir string // relative to the root; "-" for none
		dir           string
		want          string // "" for none
		err           string
	}{
		{
			name:  "nearest wins in a monorepo",
			files: []string{"repo/.git/", "repo/.golint-docker.yaml", "repo/svc/a/.golint-docker.yaml", "repo/svc/b/"},
			home:  "-", workDir: "-",
			dir: "repo/svc/a", want: "repo/svc/a/.golint-docker.yaml",
		},
		{
			name:  "a service without its own gets the repository's",
			files: []string{"repo/.git/", "repo/.golint-docker.yml", "repo/svc/a/.golint-docker.yaml", "repo/svc/b/"},
			home:  "-", workDir: "-",
			dir: "repo/svc/b", want: "repo/.golint-docker.yml",
		},
		{
			name:  "stops at the repository root",
			files: []string{".golint-docker.yaml", "repo/.git/", "repo/svc/"},
			home:  "-", workDir: "-",
			dir: "repo/svc",
		},
		{
			name:  "a worktree's .git file is a repository root",
			files: []string{".golint-docker.yaml", "repo/.git", "repo/svc/"},
			home:  "-", workDir: "-",
			dir: "repo/svc",
		},
		{
			name:  "no repository: a file planted above the working directory does not apply",
			files: []string{".golint-docker.yaml", "proj/svc/"},
			home:  "-", workDir: "proj",
			dir: "proj/svc",
		},
		{
			name:  "no repository: the working directory's file applies below it",
			files: []string{".golint-docker.yaml", "proj/.golint-docker.yaml", "proj/svc/"},
			home:  "-", workDir: "proj",
			dir: "proj/svc", want: "proj/.golint-docker.yaml",
		},
		{
			name:  "no repository, outside the working directory: only the directory itself",
			files: []string{".golint-docker.yaml", "elsewhere/svc/"},
			home:  "-", workDir: "proj/",
			dir: "elsewhere/svc",
		},
		{
			name:  "no repository under home: up to home",
			files: []string{".golint-docker.yaml", "home/.golint-docker.yaml", "home/proj/svc/"},
			home:  "home", workDir: "-",
			dir: "home/proj/svc", want: "home/.golint-docker.yaml",
		},
		{
			name:  "never above home, even in a repository that holds it",
			files: []string{".git/", ".golint-docker.yaml", "home/proj/svc/"},
			home:  "home", workDir: "-",
			dir: "home/proj/svc",
		},
		{
			name:  "both .yaml and .yml is an error",
			files: []string{"repo/.git/", "repo/.golint-docker.yaml", "repo/.golint-docker.yml", "repo/svc/"},
			home:  "-", workDir: "-",
			dir: "repo/svc", err: ".golint-docker.yml is there too",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := tree(t, tc.files...)
			at := func(rel string) string {
				if rel == "-" {
					return ""
				}
				p := filepath.Join(root, rel)
				os.MkdirAll(p, 0o755)
				return p
			}
			f := NewFinder(at(tc.home), at(tc.workDir))
			got, err := f.Find(filepath.Join(root, tc.dir))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if tc.want != "" {
				want = filepath.Join(root, tc.want)
			}
			if got != want {
				t.Errorf("Find = %q, want %q", got, want)
			}
			// The cached answer is the same.
			if again, _ := f.Find(filepath.Join(root, tc.dir)); again != got {
				t.Errorf("second Find = %q, first %q", again, got)
			}
		})
	}
}
