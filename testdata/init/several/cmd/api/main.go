// Command api serves the shop API.
package main

func main() {}
