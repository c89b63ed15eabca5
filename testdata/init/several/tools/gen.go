//go:build ignore

// gen writes the fixtures: go run tools/gen.go.
package main

func main() {}
