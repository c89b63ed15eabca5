// Command worker runs the shop jobs.
package main

func main() {}
