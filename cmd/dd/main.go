package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/golint-docker/golint-docker/pkg/document"
	"github.com/golint-docker/golint-docker/pkg/parse"
)

func main() {
	data, _ := os.ReadFile(os.Args[1])
	f, err := parse.Parse(os.Args[1], data)
	if err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	d, err := document.Build(f, document.Options{})
	if err != nil {
		fmt.Println(err)
		os.Exit(2)
	}
	e := json.NewEncoder(os.Stdout)
	e.SetIndent("", " ")
	e.Encode(d)
}
