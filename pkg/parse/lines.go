package parse

// Lines splits a Dockerfile into its physical lines as Parse does
// (File.Lines), without parsing it: for a result taken from a cache.
func Lines(data []byte) []string { return splitLines(data) }
