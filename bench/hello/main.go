//go:build bench

// Command hello is the floor of the cold-start benchmark: a Go program that
// starts, prints and exits.
package main

import "fmt"

func main() { fmt.Println("hello") }
