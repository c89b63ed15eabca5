package lint_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoOPA: the orchestrator reaches the rules only through the Evaluator
// seam; OPA stays inside pkg/policy.
func TestNoOPA(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/open-policy-agent/") || strings.HasSuffix(dep, "/pkg/policy") {
			t.Errorf("pkg/lint depends on %s", dep)
		}
	}
}
