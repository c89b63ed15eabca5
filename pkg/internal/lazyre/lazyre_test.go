package lazyre

import "testing"

func TestCompiledOnceOnFirstUse(t *testing.T) {
	re := New(`^a+(b)$`)
	first := re()
	if !first.MatchString("aab") || first.MatchString("ba") {
		t.Fatalf("%q does not match as its pattern says", first)
	}
	if re() != first {
		t.Error("a second call compiled the pattern again")
	}
}

func TestInvalidPatternPanicsWhenUsed(t *testing.T) {
	re := New(`(`) // must not panic here: nothing is compiled yet
	defer func() {
		if recover() == nil {
			t.Error("an invalid pattern did not panic on first use")
		}
	}()
	re()
}
