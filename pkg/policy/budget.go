package policy

// BudgetUnit is the Dockerfile size the default budgets (the timeout, the
// heap limit) are meant for. The input document and the rules' work grow in
// proportion to the file, so for a larger file they grow too: a 10 MB
// Dockerfile of go builds takes about 20 s and 3 GiB on two cores, where a
// real one takes milliseconds.
const BudgetUnit = 1 << 20

// Scale returns budget for a Dockerfile of size bytes: budget itself up to
// BudgetUnit, and in proportion beyond.
func Scale[T ~int64 | ~uint64](budget T, size int) T {
	if size <= BudgetUnit {
		return budget
	}
	return T(float64(budget) * float64(size) / BudgetUnit)
}
