package lsp_test

import (
	"os"
	"testing"

	"github.com/golint-docker/golint-docker/pkg/policy"
)

// TestMain makes this test binary the policy sandbox's worker when the
// sandbox starts it (as golint-docker's main does): the server's tests load
// a policy directory, whose rules run in the sandbox.
func TestMain(m *testing.M) {
	if policy.IsWorker() {
		os.Exit(policy.RunWorker(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}
