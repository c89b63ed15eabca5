package main

import _ "example.com/shop/money"

func main() {}
