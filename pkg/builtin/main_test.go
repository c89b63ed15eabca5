package builtin

import (
	"os"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/policy"
)

// TestMain makes this test binary the policy sandbox's worker when the
// sandbox starts it: TestPrecompiledFindings's reference, the rules not
// marked built in, is compiled in full and runs there.
func TestMain(m *testing.M) {
	if policy.IsWorker() {
		os.Exit(policy.RunWorker(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}
